package io.lifeboat.backups.boundary;

import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.BackupCopy;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.CopyStatus;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A backup as the API lists it; the manifest has its own resource. {@code destination} is the first complete copy
 * (the one a restore reads), {@code copies} every destination's copy, and {@code warning} says when some failed.
 */
public record BackupJson(String id, String target, String destination, List<CopyJson> copies, String warning,
                         String folder, BackupFormat format, long sizeBytes, String sha256, OffsetDateTime startedAt,
                         OffsetDateTime finishedAt, boolean pinned, String trigger, String initiator, Long runId) {

    /** One destination's copy; {@code reason} is null when it is complete. */
    public record CopyJson(String destination, CopyStatus status, String reason) {
    }

    public static BackupJson of(Backup b) {
        List<CopyJson> copies = b.copies().stream()
                .map(c -> new CopyJson(c.destination(), c.status(), c.reason().isEmpty() ? null : c.reason())).toList();
        List<String> failed = b.copies().stream().filter(c -> c.status() == CopyStatus.FAILED)
                .map(BackupCopy::destination).toList();
        String warning = failed.isEmpty() ? null : "The copy in " + String.join(", ", failed) + " failed (see "
                + "\"copies\"): the backup is complete in the other destinations. Fix the failed destination; "
                + "the next backup writes to it again.";
        String first = b.completeCopies().stream().findFirst().map(BackupCopy::destination).orElse(null);
        return new BackupJson(b.id(), b.target(), first, copies, warning, b.folder(), b.format(), b.sizeBytes(),
                b.sha256(), b.startedAt(), b.finishedAt(), b.pinned(), b.trigger(), b.initiator(), b.runId());
    }
}
