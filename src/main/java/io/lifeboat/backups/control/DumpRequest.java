package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.time.Duration;
import java.util.Objects;

/**
 * What to dump and how.
 *
 * @param backupId     id of the new backup, also its folder name (see {@link BackupKeys#newBackupId})
 * @param target       the target's name in Lifeboat
 * @param login        where the database is and how to log in
 * @param format       custom format with zstd (the default) or plain SQL with gzip
 * @param zstdLevel    zstd level, 1 to 19; 1 (the default) compresses pg_dump's output within 0.1 % of 2 and
 *                     better than 3, at less CPU than either: on a small server that is time taken from the database
 * @param zstdWorkers  zstd threads; 0 compresses on the copying thread
 * @param trigger      what started the backup
 * @param initiator    who started it
 * @param stallTimeout the backup fails when no byte moves for this long
 */
public record DumpRequest(String backupId, String target, DatabaseLogin login, BackupFormat format, int zstdLevel,
                          int zstdWorkers, Trigger trigger, String initiator, Duration stallTimeout) {

    public static final int DEFAULT_ZSTD_LEVEL = 1;
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(10);

    public DumpRequest {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(initiator, "initiator");
        new BackupKeys(target, backupId, java.time.Instant.EPOCH); // validates both names
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw new IllegalArgumentException("zstd level " + zstdLevel
                    + " is out of range: use 1 to 19 (1 is the default)");
        }
        if (zstdWorkers < 0) {
            throw new IllegalArgumentException("zstd workers must be 0 or more, not " + zstdWorkers);
        }
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("The stall timeout must be positive, not " + stallTimeout);
        }
    }

    /** A request with the defaults: zstd level 1 on all processors, a stall timeout of 10 minutes. */
    public static DumpRequest of(String backupId, String target, DatabaseLogin login, BackupFormat format,
                                 Trigger trigger, String initiator) {
        return new DumpRequest(backupId, target, login, format, DEFAULT_ZSTD_LEVEL,
                Runtime.getRuntime().availableProcessors(), trigger, initiator, DEFAULT_STALL_TIMEOUT);
    }

    public DumpRequest withStallTimeout(Duration timeout) {
        return new DumpRequest(backupId, target, login, format, zstdLevel, zstdWorkers, trigger, initiator, timeout);
    }

    public DumpRequest withZstd(int level, int workers) {
        return new DumpRequest(backupId, target, login, format, level, workers, trigger, initiator, stallTimeout);
    }

    /** What the manifest records as compression, e.g. "zstd-1" or "gzip-6". */
    public String compression() {
        return switch (format) {
            case CUSTOM_ZSTD -> "zstd-" + zstdLevel;
            case PLAIN_GZIP -> "gzip-" + Compressors.GZIP_LEVEL;
        };
    }

    @Override
    public String toString() {
        return "DumpRequest[" + backupId + " of " + target + " (" + login + "), " + format + "]";
    }
}
