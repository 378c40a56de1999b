package io.lifeboat.backups.control;

import io.lifeboat.targets.entity.DatabaseLogin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A temporary libpq password file (mode 0600) that hands a password to pg_dump, pg_restore or psql
 * through the PGPASSFILE environment variable, so it never shows in a command line. Deleted on close.
 */
public final class PassFile implements AutoCloseable {

    private final Path path;

    private PassFile(Path path) {
        this.path = path;
    }

    /** Writes a password file for this login in {@code folder}. */
    public static PassFile create(DatabaseLogin login, Path folder) {
        try {
            Path path = Files.createTempFile(folder, ".lifeboat-", ".pgpass",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(path, line(login), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(path);
                throw e;
            }
            return new PassFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a temporary password file in " + folder
                    + ": check that the folder exists and is writable", e);
        }
    }

    /** Writes it in the JVM's temporary folder. */
    public static PassFile create(DatabaseLogin login) {
        return create(login, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@code host:port:database:user:password}, with ':' and '\' escaped as libpq expects. */
    static String line(DatabaseLogin login) {
        return String.join(":", escape(login.host()), Integer.toString(login.port()), escape(login.database()),
                escape(login.user()), escape(login.password() == null ? "" : login.password())) + "\n";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }

    public Path path() {
        return path;
    }

    /** Points a child process at this file and drops any password it would inherit. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        Map<String, String> environment = builder.environment();
        environment.remove("PGPASSWORD");
        environment.put("PGPASSFILE", path.toString());
        return builder;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the temporary password file " + path
                    + ": delete it by hand", e);
        }
    }
}
