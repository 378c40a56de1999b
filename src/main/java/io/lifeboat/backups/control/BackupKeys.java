package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Manifest;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where the objects of one backup live in a destination:
 * {@code <target>/<yyyy>/<mm>/<backup-id>/}, year and month of the start in UTC.
 */
public record BackupKeys(String target, String backupId, Instant startedAt) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public BackupKeys {
        requireSafe("target name", target);
        requireSafe("backup id", backupId);
        if (startedAt == null) {
            throw new IllegalArgumentException("The start time of backup " + backupId + " is missing");
        }
    }

    /** A new backup id that sorts by time, e.g. {@code 20250114T020000Z-3fa9c1}. */
    public static String newBackupId(Instant startedAt) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return ID_TIME.format(startedAt.truncatedTo(ChronoUnit.SECONDS)) + "-" + HexFormat.of().formatHex(random);
    }

    /** The backup's folder, ending with '/'. */
    public String folder() {
        return target + "/" + MONTH.format(startedAt) + "/" + backupId + "/";
    }

    public String artifact(BackupFormat format) {
        return folder() + format.artifactName();
    }

    public String manifest() {
        return folder() + Manifest.FILE_NAME;
    }

    private static void requireSafe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("The " + what + " '" + value + "' cannot name a folder: use letters, "
                    + "digits, '.', '_' and '-' only (at most 128, starting with a letter or digit)");
        }
    }
}
