package io.lifeboat.destinations.control;

import io.lifeboat.api.Problem;
import io.lifeboat.destinations.entity.DestinationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The destinations configured in the catalog: created, changed, and removed only when nothing uses them. */
@ApplicationScoped
@Transactional
public class DestinationCatalog {

    private static final String NAME_PATTERN = "^[a-z0-9][a-z0-9_-]{0,62}$";

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    public List<DestinationConfig> all() {
        return em.createQuery("select d from DestinationConfig d order by d.name", DestinationConfig.class)
                .getResultList();
    }

    public DestinationConfig require(String name) {
        DestinationConfig config = em.find(DestinationConfig.class, name);
        if (config == null) {
            throw Problem.notFound("Destination", name);
        }
        return config;
    }

    public DestinationConfig create(String name, String kind, String location) {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw invalid("name", "The destination name '" + name + "' is not valid: use 1 to 63 lowercase "
                    + "letters, digits, '-' or '_', starting with a letter or digit, e.g. \"offsite\".");
        }
        if (em.find(DestinationConfig.class, name) != null) {
            throw Problem.conflict("Destination exists", "A destination named '" + name + "' exists already: choose "
                    + "another name, or change it with PUT /api/destinations/" + name, Map.of("field", "name"));
        }
        DestinationConfig.Kind valid = kind(kind);
        var config = new DestinationConfig(name, valid, location(valid, location));
        em.persist(config);
        return config;
    }

    public DestinationConfig change(String name, String kind, String location) {
        DestinationConfig config = require(name);
        DestinationConfig.Kind valid = kind == null ? config.kind() : kind(kind);
        config.change(valid, location(valid, location == null ? config.location() : location));
        return config;
    }

    /** Targets that write to the destination. */
    public List<String> usedBy(String name) {
        return em.createNativeQuery("select target from target_destinations where destination = ?1 order by target")
                .setParameter(1, name).getResultList().stream().map(Object::toString).toList();
    }

    public void delete(String name) {
        DestinationConfig config = require(name);
        List<String> targets = usedBy(name);
        if (!targets.isEmpty()) {
            throw Problem.conflict("Destination in use", "The destination '" + name + "' is used by the targets "
                    + targets + ": remove it from their \"destinations\" (PUT /api/targets/{name}) first.",
                    Map.of("targets", targets));
        }
        long copies = ((Number) em.createNativeQuery("select count(*) from backup_copies where destination = ?1")
                .setParameter(1, name).getSingleResult()).longValue();
        if (copies > 0) {
            throw Problem.conflict("Destination in use", "The catalog lists " + copies + " backup copies in '" + name
                    + "': delete those backups first (DELETE /api/backups/{id}), or keep the destination.",
                    Map.of("copies", copies));
        }
        em.remove(config);
    }

    private static DestinationConfig.Kind kind(String kind) {
        try {
            return DestinationConfig.Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("kind", "The destination kind '" + kind + "' is not known: use \"LOCAL\" (a folder), "
                    + "\"S3\" (an S3-compatible bucket) or \"ONEDRIVE\" (a OneDrive folder).");
        }
    }

    private static String location(DestinationConfig.Kind kind, String location) {
        if (location == null || location.isBlank()) {
            throw invalid("location", "Give the destination's \"location\": an absolute folder path for LOCAL, "
                    + "s3://BUCKET/PREFIX?endpoint=...&accessKeyAlias=...&secretKeyAlias=... for S3, "
                    + "onedrive:/FOLDER?tenant=...&clientIdAlias=...&clientSecretAlias=...&refreshTokenAlias=... for ONEDRIVE.");
        }
        return switch (kind) {
            case LOCAL -> {
                if (!Path.of(location).isAbsolute()) {
                    throw invalid("location", "The location of a LOCAL destination must be an absolute folder path, "
                            + "not '" + location + "': e.g. /srv/backups.");
                }
                yield Path.of(location).normalize().toString();
            }
            case S3 -> parsed(location, S3Location::parse);
            case ONEDRIVE -> parsed(location, OneDriveLocation::parse);
        };
    }

    private static String parsed(String location, java.util.function.Consumer<String> parser) {
        try {
            parser.accept(location);
            return location;
        } catch (IllegalArgumentException e) {
            throw invalid("location", e.getMessage());
        }
    }

    /** A bad request that names the field at fault ({@code "field"}), so a form can show it beside that field. */
    private static Problem invalid(String field, String detail) {
        return new Problem(jakarta.ws.rs.core.Response.Status.BAD_REQUEST, "Invalid request", detail,
                Map.of("field", field));
    }
}
