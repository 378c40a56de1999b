package io.lifeboat.testing;

import io.lifeboat.catalog.control.LocalCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real PostgreSQL client tools (psql, pg_dump) against the {@link TestDatabase}, the password in a
 * 0600 PGPASSFILE, never in a command line.
 */
public final class ClientTools {

    private static final int TIMEOUT_SECONDS = 120;

    private ClientTools() {
    }

    public static Path bin(String tool) {
        return LocalCluster.newestServerBinaries().resolve(tool);
    }

    /** host, port and user options for the test cluster. */
    public static List<String> connection(TestDatabase db, String database) {
        return List.of("--no-password", "-h", db.host(), "-p", String.valueOf(db.port()), "-U", db.superuser(),
                "-d", database);
    }

    /** Runs a SQL file with psql, stopping at the first error. */
    public static void runSqlFile(TestDatabase db, String database, Path sql) {
        List<String> command = new ArrayList<>(List.of(bin("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        command.addAll(connection(db, database));
        command.addAll(List.of("-f", sql.toString()));
        run(db, command);
    }

    /** A new database filled from fixtures/rich.sql (many kinds of objects, a few hundred rows); returns its name. */
    public static String richDatabase(TestDatabase db, String prefix) {
        String name = db.createDatabase(prefix);
        try {
            runSqlFile(db, name, Path.of(Objects.requireNonNull(ClientTools.class.getResource("/fixtures/rich.sql"))
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** pg_dump --schema-only of a database, as text. */
    public static String schemaDump(TestDatabase db, String database) {
        List<String> command = new ArrayList<>(List.of(bin("pg_dump").toString(), "--schema-only"));
        command.addAll(connection(db, database));
        return run(db, command);
    }

    /** Runs a command and returns its stdout; fails with its stderr when it exits with an error. */
    public static String run(TestDatabase db, List<String> command) {
        Path passwordFile = passwordFile(db);
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().put("PGPASSFILE", passwordFile.toString());
                builder.environment().remove("PGPASSWORD");
                waitFor(builder.start(), command, err);
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(passwordFile);
        }
    }

    /** Runs producer | consumer > output, the way a hand-written backup script does. */
    public static void pipe(TestDatabase db, List<String> producer, List<String> consumer, Path output) {
        Path passwordFile = passwordFile(db);
        try {
            Path err = Files.createTempFile("pipe", ".err");
            try {
                var first = new ProcessBuilder(producer).redirectError(err.toFile());
                first.environment().put("PGPASSFILE", passwordFile.toString());
                first.environment().remove("PGPASSWORD");
                var second = new ProcessBuilder(consumer).redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
                List<Process> processes = ProcessBuilder.startPipeline(List.of(first, second));
                waitFor(processes.get(0), producer, err);
                waitFor(processes.get(1), consumer, err);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(passwordFile);
        }
    }

    private static void waitFor(Process process, List<String> command, Path err) throws IOException {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                    + "): " + Files.readString(err));
        }
    }

    private static Path passwordFile(TestDatabase db) {
        try {
            Path file = Files.createTempFile(".pgpass", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, db.host() + ":" + db.port() + ":*:" + db.superuser() + ":" + db.password() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
