package io.lifeboat.targets.control;

import io.lifeboat.api.Problem;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.schedules.control.Schedules;
import io.lifeboat.secrets.control.Secrets;
import io.lifeboat.targets.boundary.TargetRequest;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.targets.entity.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
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
        Target target = new Target(name, connection(name, request, null), format(request), destination,
                retention(request, Target.Retention.DEFAULT));
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
