package io.lifeboat.backups.control;

import io.lifeboat.api.Problem;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.BackupCopy;
import io.lifeboat.backups.entity.CopyStatus;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.destinations.control.Destination;
import io.lifeboat.destinations.control.Destinations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Deletes backups: never a pinned one. The catalog entry goes first, then the manifest (so
 * whatever might be left is an incomplete backup that the sweep removes), then the artifacts.
 */
@ApplicationScoped
public class BackupRemoval {

    private static final Logger LOG = Logger.getLogger(BackupRemoval.class.getName());

    @Inject
    Backups backups;

    @Inject
    Destinations destinations;

    public void delete(Backup backup) {
        if (backup.pinned()) {
            throw Problem.conflict("Backup is pinned", "Backup " + backup.id()
                    + " is pinned and is never deleted: unpin it first (DELETE /api/backups/" + backup.id() + "/pin).",
                    Map.of("backupId", backup.id()));
        }
        backups.forget(backup.id());
        for (BackupCopy copy : backup.copies()) {
            if (copy.complete()) {
                removeFolder(destinations.open(copy.destination()), backup.folder());
            } else if (copy.status() == CopyStatus.FAILED) { // it may have left an unfinished upload
                try {
                    removeFolder(destinations.open(copy.destination()), backup.folder());
                } catch (RuntimeException e) {
                    LOG.warning(() -> "Could not clean up the failed copy of " + backup.id() + " in '"
                            + copy.destination() + "': " + e.getMessage());
                }
            }
        }
        LOG.info(() -> "Deleted backup " + backup.id() + " of '" + backup.target() + "'");
    }

    /**
     * Removes a backup's copy from one destination, as retention decided there: never of a pinned backup. The
     * catalog marks it swept first; the backup is forgotten when no complete copy is left.
     */
    public void deleteCopy(Backup backup, String destination, String reason) {
        if (backup.pinned()) {
            throw Problem.conflict("Backup is pinned", "Backup " + backup.id() + " is pinned and is never deleted: "
                    + "unpin it first (DELETE /api/backups/" + backup.id() + "/pin).", Map.of("backupId", backup.id()));
        }
        boolean forgotten = backups.sweep(backup.id(), destination, reason);
        removeFolder(destinations.open(destination), backup.folder());
        LOG.info(() -> "Removed the copy of backup " + backup.id() + " of '" + backup.target() + "' from '"
                + destination + "' (" + reason + ")" + (forgotten ? "; no copy is left, so it is no longer listed" : ""));
    }

    /** Removes a backup's folder: manifest first, then everything else, partial uploads included. */
    public static void removeFolder(Destination destination, String folder) {
        try {
            List<String> keys = destination.list(folder);
            String manifest = folder + Manifest.FILE_NAME;
            if (keys.contains(manifest)) {
                destination.delete(manifest);
            }
            for (String key : keys) {
                if (!key.equals(manifest)) {
                    destination.delete(key);
                }
            }
            destination.removePartials(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + folder + " from " + destination.describe()
                    + ": " + e.getMessage() + ". Remove it by hand; the catalog no longer lists it.", e);
        }
    }
}
