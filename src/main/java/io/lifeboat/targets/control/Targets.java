package io.lifeboat.targets.control;

import io.lifeboat.api.Problem;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.schedules.control.Schedules;
import io.lifeboat.secrets.control.Secrets;
import io.lifeboat.targets.boundary.TargetRequest;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.targets.entity.Target;
import io.lifeboat.targets.entity.TargetDestination;
import io.lifeboat.destinations.entity.DestinationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The targets in the catalog, their passwords (by alias) and schedules. */
@ApplicationScoped
@Transactional
public class Targets {

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    @Inject
    Secrets secrets;

    @Inject
    Schedules schedules;

    public List<Target> all() {
        return em.createQuery("select t from Target t order by t.name", Target.class).getResultList();
    }

    public Optional<Target> find(String name) {
        return Optional.ofNullable(em.find(Target.class, name));
    }

    public Target require(String name) {
        return find(name).orElseThrow(() -> Problem.notFound("Target", name));
    }

    public Target create(TargetRequest request, String destination) {
        String name = TargetValidation.name(request.name());
        if (find(name).isPresent()) {
            throw Problem.conflict("Target exists", "A target named '" + name
                    + "' exists already: choose another name, or change it with PUT /api/targets/" + name, java.util.Map.of());
        }
        List<String> names = request.destinationNames().isEmpty() ? List.of(destination) : request.destinationNames();
        Target target = new Target(name, connection(name, request, null), format(request),
                destinations(names, request.destinationRetention()), retention(request, Target.Retention.DEFAULT));
        em.persist(target);
        storePassword(name, request);
        if (request.schedule() != null) {
            schedules.replace(name, request.schedule().cron(), request.schedule().zone());
        }
        return target;
    }

    public Target update(String name, TargetRequest request) {
        Target target = require(name);
        target.change(connection(name, request, target.connection().secretAlias()), format(request),
                retention(request, target.retention()));
        if (!request.destinationNames().isEmpty() || request.destinationRetention() != null) {
            List<String> names = request.destinationNames().isEmpty() ? target.destinationNames()
                    : request.destinationNames();
            target.sendTo(destinations(names, request.destinationRetention() != null ? request.destinationRetention()
                    : ownRetention(target)));
        }
        storePassword(name, request);
        if (request.schedule() != null) {
            schedules.replace(name, request.schedule().cron(), request.schedule().zone());
        }
        return target;
    }

    public void delete(String name) {
        Target target = require(name);
        long backups = em.createQuery("select count(b) from Backup b where b.target = :t", Long.class)
                .setParameter("t", name).getSingleResult();
        if (backups > 0) {
            throw Problem.conflict("Target has backups", "'" + name + "' still has " + backups
                    + " backups in the catalog: delete them first (DELETE /api/backups/{id}) or keep the target",
                    java.util.Map.of("backups", backups));
        }
        em.remove(target);
        secrets.remove(ownAlias(name));
    }

    /** The login for a target, with its password looked up by alias. */
    public DatabaseLogin login(Target target) {
        String alias = target.connection().secretAlias();
        String password = secrets.resolve(alias).orElseThrow(() -> Problem.badRequest(
                "No password is stored for the alias '" + alias + "' of target '" + target.name()
                        + "': set lifeboat.secrets." + alias + " or send the password with PUT /api/targets/"
                        + target.name()));
        return target.login(password);
    }

    private void storePassword(String name, TargetRequest request) {
        if (request.password() != null && request.passwordAlias() == null) {
            secrets.put(ownAlias(name), request.password());
        }
    }

    private static String ownAlias(String name) {
        return "target-" + name;
    }

    private static Target.Connection connection(String name, TargetRequest r, String currentAlias) {
        String alias = r.passwordAlias() != null ? r.passwordAlias()
                : r.password() != null ? ownAlias(name) : currentAlias;
        if (alias == null) {
            throw Problem.badRequest("Give the target's password (\"password\") or the alias of a configured secret "
                    + "(\"passwordAlias\").");
        }
        return new Target.Connection(TargetValidation.required("host", r.host()),
                r.port() == null ? 5432 : TargetValidation.port(r.port()),
                TargetValidation.required("database", r.database()), TargetValidation.required("user", r.user()), alias);
    }

    /** The destinations in order, each checked to exist, with its own retention where one is given. */
    private List<TargetDestination> destinations(List<String> names, Map<String, Target.Retention> own) {
        Map<String, Target.Retention> retention = own == null ? Map.of() : own;
        if (new HashSet<>(names).size() != names.size()) {
            throw Problem.badRequest("\"destinations\" names a destination twice (" + names + "): name each once.");
        }
        for (String name : names) {
            if (name == null || em.find(DestinationConfig.class, name) == null) {
                throw Problem.badRequest("There is no destination named '" + name + "': create it first with POST "
                        + "/api/destinations, or choose one of GET /api/destinations.");
            }
        }
        for (var entry : retention.entrySet()) {
            if (!names.contains(entry.getKey())) {
                throw Problem.badRequest("\"destinationRetention\" names '" + entry.getKey() + "', which is not among "
                        + "the target's destinations " + names + ": add it to \"destinations\" or remove its retention.");
            }
            if (entry.getValue().keepLast() < 1) {
                throw Problem.badRequest("destinationRetention." + entry.getKey() + ".keepLast must be at least 1: "
                        + "Lifeboat never deletes the last successful backup.");
            }
        }
        return names.stream().map(n -> new TargetDestination(n, Optional.ofNullable(retention.get(n)))).toList();
    }

    private static Map<String, Target.Retention> ownRetention(Target target) {
        Map<String, Target.Retention> own = new java.util.LinkedHashMap<>();
        target.destinations().forEach(d -> d.ownRetention().ifPresent(r -> own.put(d.destination(), r)));
        return own;
    }

    private static BackupFormat format(TargetRequest r) {
        return r.format() == null ? BackupFormat.CUSTOM_ZSTD : r.format();
    }

    private static Target.Retention retention(TargetRequest r, Target.Retention current) {
        if (r.retention() == null) {
            return current;
        }
        if (r.retention().keepLast() < 1) {
            throw Problem.badRequest("retention.keepLast must be at least 1: Lifeboat never deletes the last "
                    + "successful backup.");
        }
        return r.retention();
    }
}
