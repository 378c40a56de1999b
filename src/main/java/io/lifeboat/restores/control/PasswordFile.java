package io.lifeboat.restores.control;

import io.lifeboat.targets.entity.DatabaseLogin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * A 0600 PGPASSFILE holding one login's password, so pg_restore and psql get it without it ever being in
 * a command line or an environment variable. The caller deletes it.
 */
record PasswordFile(Path path) {

    static PasswordFile write(Path folder, DatabaseLogin login) {
        try {
            Path path = Files.createTempFile(folder, ".pgpass-", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(path, String.join(":", escape(login.host()), String.valueOf(login.port()), "*",
                    escape(login.user()), escape(login.password() == null ? "" : login.password())) + "\n");
            return new PasswordFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a password file in " + folder
                    + ": make the work folder writable by Lifeboat", e);
        }
    }

    /** pgpass fields escape backslash and colon with a backslash. */
    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** Deletes the file; a failure is logged, not thrown, as the restore's outcome is already known. */
    void delete(Consumer<String> log) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.accept("Could not delete the password file " + path + " (" + e.getMessage() + "): delete it by hand");
        }
    }
}
