package io.lifeboat.backups.control;

import java.nio.file.Path;

/**
 * One installation of the PostgreSQL client programs.
 *
 * @param bin         the folder holding pg_dump, pg_restore and psql
 * @param major       major version of its pg_dump
 * @param versionLine what {@code pg_dump --version} printed, e.g. "pg_dump (PostgreSQL) 15.13"
 */
public record PgClient(Path bin, int major, String versionLine) {

    public Path pgDump() {
        return bin.resolve("pg_dump");
    }

    public Path pgRestore() {
        return bin.resolve("pg_restore");
    }

    public Path psql() {
        return bin.resolve("psql");
    }
}
