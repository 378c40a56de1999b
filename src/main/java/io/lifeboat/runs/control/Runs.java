package io.lifeboat.runs.control;

import io.lifeboat.api.Problem;
import io.lifeboat.runs.entity.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Runs in the catalog. Each change is its own short transaction; no I/O happens inside one. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Runs {

    /**
     * Opens a backup run (target, trigger, initiator, instance, backup id, folder) and returns its id, or
     * returns nothing when a backup of the target is running: the unique index one_backup_at_a_time decides.
     */
    public static final String OPEN_BACKUP = """
            insert into runs (kind, target, status, trigger, initiator, instance, backup_id, folder)
            values ('BACKUP', ?, 'RUNNING', ?, ?, ?, ?, ?)
            on conflict (target) where kind = 'BACKUP' and status = 'RUNNING' do nothing
            returning id""";

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    /**
     * Opens a backup run, or refuses with 409 and the id of the running one: the database's
     * unique index allows one running backup per target, whichever instance asks.
     */
    public Run openBackup(String target, String trigger, String initiator, String instance, String backupId,
                          String folder) {
        List<?> inserted = em.createNativeQuery(OPEN_BACKUP)
                .setParameter(1, target).setParameter(2, trigger).setParameter(3, initiator)
                .setParameter(4, instance).setParameter(5, backupId).setParameter(6, folder)
                .getResultList();
        if (inserted.isEmpty()) {
            Run running = em.createQuery("select r from Run r where r.target = :t and r.kind = :k and r.status = :s",
                            Run.class)
                    .setParameter("t", target).setParameter("k", Run.Kind.BACKUP).setParameter("s", Run.Status.RUNNING)
                    .getResultStream().findFirst().orElse(null);
            long runningId = running == null ? -1 : running.id();
            throw Problem.conflict("A backup of '" + target + "' is already running",
                    "Run " + runningId + " is backing up '" + target + "' now: wait for it (GET /api/runs/" + runningId
                            + ") instead of starting another.", Map.of("runId", runningId));
        }
        return em.find(Run.class, ((Number) inserted.get(0)).longValue());
    }

    public Run openRestore(String target, String initiator, String instance, String backupId, String database) {
        Run run = Run.restore(target, initiator, instance, backupId, database);
        em.persist(run);
        return run;
    }

    public Run require(long id) {
        Run run = em.find(Run.class, id);
        if (run == null) {
            throw Problem.notFound("Run", String.valueOf(id));
        }
        return run;
    }

    public List<Run> recent(String target, int limit) {
        return em.createQuery("select r from Run r where (:t is null or r.target = :t) order by r.id desc", Run.class)
                .setParameter("t", target).setMaxResults(limit).getResultList();
    }

    public void beat(long id, long read, long written, String logTail) {
        Run run = em.find(Run.class, id);
        if (run != null && run.status() == Run.Status.RUNNING) {
            run.beat(read, written, logTail);
        }
    }

    public Run succeed(long id, String summary, String report) {
        Run run = em.find(Run.class, id);
        run.succeed(summary, report);
        return run;
    }

    public void fail(long id, String reason, String logTail) {
        Run run = em.find(Run.class, id);
        if (run.status() == Run.Status.RUNNING) {
            run.beat(run.bytesRead(), run.bytesWritten(), logTail);
            run.fail(reason);
        }
    }

    public java.util.Set<String> runningBackupIds(String target) {
        return new java.util.HashSet<>(em.createQuery("select r.backupId from Run r where r.target = :t and r.kind = :k "
                        + "and r.status = :s", String.class)
                .setParameter("t", target).setParameter("k", Run.Kind.BACKUP).setParameter("s", Run.Status.RUNNING)
                .getResultList());
    }

    /** Running runs whose instance has not been heard of for longer than the timeout. */
    public List<Run> orphans(Duration timeout) {
        return em.createQuery("select r from Run r where r.status = :s and r.heartbeatAt < :limit", Run.class)
                .setParameter("s", Run.Status.RUNNING)
                .setParameter("limit", OffsetDateTime.now().minus(timeout))
                .getResultList();
    }
}
