package io.lifeboat.backups.entity;

/** How a dump is written. */
public enum BackupFormat {
    /** pg_dump custom format, uncompressed by pg_dump, compressed with zstd; restorable in parallel. */
    CUSTOM_ZSTD("dump.pgc.zst", "zstd"),
    /** Plain SQL with --clean --if-exists, gzip-compressed: what hand-written scripts produce. */
    PLAIN_GZIP("dump.sql.gz", "gzip");

    private final String artifactName;
    private final String compression;

    BackupFormat(String artifactName, String compression) {
        this.artifactName = artifactName;
        this.compression = compression;
    }

    public String artifactName() {
        return artifactName;
    }

    public String compression() {
        return compression;
    }
}
