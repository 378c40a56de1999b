package io.lifeboat.backups.boundary;

import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.BackupFormat;

import java.time.OffsetDateTime;

/** A backup as the API lists it; the manifest has its own resource. */
public record BackupJson(String id, String target, String destination, String folder, BackupFormat format,
                         long sizeBytes, String sha256, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                         boolean pinned, String trigger, String initiator, Long runId) {

    public static BackupJson of(Backup b) {
        return new BackupJson(b.id(), b.target(), b.destination(), b.folder(), b.format(), b.sizeBytes(), b.sha256(),
                b.startedAt(), b.finishedAt(), b.pinned(), b.trigger(), b.initiator(), b.runId());
    }
}
