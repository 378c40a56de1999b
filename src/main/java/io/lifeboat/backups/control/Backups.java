package io.lifeboat.backups.control;

import io.lifeboat.api.Problem;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.BackupCopy;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.runs.entity.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The complete backups listed in the catalog. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Backups {

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    /** Lists a finished backup and ends its run as a success, in one transaction. */
    public Backup recordSuccess(long runId, DumpResult result, String folder) {
        Manifest manifest = result.manifest();
        List<BackupCopy> copies = result.copies().stream()
                .map(c -> new BackupCopy(c.destination(), c.status(), c.reason())).toList();
        Backup backup = new Backup(manifest, copies, folder, runId, json(manifest));
        em.persist(backup);
        em.find(Run.class, runId).succeed("Backup " + manifest.id() + " complete: " + manifest.dump().size()
                + " bytes, " + manifest.tables().size() + " tables"
                + (result.warning().isEmpty() ? "" : ". " + result.warning()), null);
        return backup;
    }

    public Backup require(String id) {
        Backup backup = em.find(Backup.class, id);
        if (backup == null) {
            throw Problem.notFound("Backup", id);
        }
        return backup;
    }

    public java.util.Optional<Backup> find(String id) {
        return java.util.Optional.ofNullable(em.find(Backup.class, id));
    }

    public List<Backup> forTarget(String target) {
        return em.createQuery("select b from Backup b where b.target = :t order by b.startedAt desc", Backup.class)
                .setParameter("t", target).getResultList();
    }

    public Backup pin(String id, boolean keep) {
        Backup backup = require(id);
        backup.pin(keep);
        return backup;
    }

    /**
     * Marks the backup's copy in {@code destination} as swept; forgets the backup when no complete copy is left.
     * Returns whether it was forgotten.
     */
    public boolean sweep(String id, String destination, String reason) {
        Backup backup = require(id);
        backup.sweep(destination, reason);
        if (backup.completeCopies().isEmpty()) {
            em.remove(backup);
            return true;
        }
        return false;
    }

    public void forget(String id) {
        em.remove(require(id));
    }

    public static Manifest manifest(Backup backup) {
        try {
            return Manifests.read(new ByteArrayInputStream(backup.manifest().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("The catalog's copy of the manifest of " + backup.id() + " is damaged", e);
        }
    }

    static String json(Manifest manifest) {
        var out = new ByteArrayOutputStream();
        try {
            Manifests.write(manifest, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
