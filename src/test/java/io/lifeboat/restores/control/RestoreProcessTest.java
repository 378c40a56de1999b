package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.restores.TestBackup;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The restore's child processes: the password reaches them only through a 0600 file, and a restore that runs
 * too long or is interrupted is stopped and leaves nothing behind. The backup holds a materialized view whose
 * refresh sleeps, so the load lasts long enough to be watched.
 */
class RestoreProcessTest {

    static TestDatabase db;
    static final Map<BackupFormat, TestBackup> backups = new EnumMap<>(BackupFormat.class);

    @TempDir
    static Path backupFolder;

    @TempDir
    Path work;

    @BeforeAll
    static void backUpASlowDatabase() {
        db = TestDatabase.get();
        String source = db.createDatabase("slow");
        db.execute(source, """
                CREATE TABLE items (id integer PRIMARY KEY);
                INSERT INTO items SELECT generate_series(1, 100);
                CREATE MATERIALIZED VIEW slow AS SELECT 1 AS x FROM pg_sleep(0.8);
                """);
        for (BackupFormat format : BackupFormat.values()) {
            backups.put(format, TestBackup.make(db, source, format, backupFolder.resolve(format.name())));
        }
    }

    RestoreRequest request(BackupFormat format, String name) {
        TestBackup backup = backups.get(format);
        return RestoreRequest.of(backup.manifest(), backup.source(),
                new DatabaseLogin(db.host(), db.port(), "postgres", db.superuser(), db.password()), name, work);
    }

    static String newName() {
        return "restored_" + Long.toHexString(System.nanoTime());
    }

    /** What /proc shows of the restore's child processes while they run. */
    static final class ChildWatch implements AutoCloseable {
        final Set<String> commandLines = ConcurrentHashMap.newKeySet();
        final Set<String> environments = ConcurrentHashMap.newKeySet();
        final Set<String> passwordFilePermissions = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::watch, "child watch");

        ChildWatch() {
            thread.start();
        }

        private void watch() {
            while (running.get()) {
                ProcessHandle.current().descendants().forEach(child -> {
                    Path proc = Path.of("/proc", String.valueOf(child.pid()));
                    try {
                        commandLines.add(new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                                .replace('\0', ' '));
                        String environment = new String(Files.readAllBytes(proc.resolve("environ")),
                                StandardCharsets.UTF_8);
                        environments.add(environment);
                        for (String variable : environment.split("\0")) {
                            if (variable.startsWith("PGPASSFILE=")) {
                                passwordFilePermissions.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                                        Path.of(variable.substring("PGPASSFILE=".length())))));
                            }
                        }
                    } catch (IOException ignored) {
                        // the process ended between listing and reading
                    }
                });
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void thePasswordIsNeverInTheToolsArgumentsOrEnvironment(BackupFormat format) throws Exception {
        List<String> log = new ArrayList<>();
        String name = newName();
        RestoreReport report;
        ChildWatch watch;
        try (var w = new ChildWatch()) {
            watch = w;
            report = new Restore().restore(request(format, name), log::add);
        }

        String tool = format == BackupFormat.CUSTOM_ZSTD ? "pg_restore" : "psql";
        assertTrue(watch.commandLines.stream().anyMatch(c -> c.contains(tool) && c.contains(name)),
                "the watch saw the tool run: " + watch.commandLines);
        assertTrue(watch.commandLines.stream().noneMatch(c -> c.contains(db.password())), "not in argv");
        assertTrue(watch.environments.stream().anyMatch(e -> e.contains("PGPASSFILE=")), "a password file is used");
        assertTrue(watch.environments.stream().noneMatch(e -> e.contains(db.password())), "not in the environment");
        assertEquals(Set.of("rw-------"), watch.passwordFilePermissions, "the password file is private");
        assertTrue(log.stream().noneMatch(line -> line.contains(db.password())), "not in the log");
        assertTrue(report.tables().stream().allMatch(RestoreReport.TableCheck::ok), report.tables().toString());
        try (var files = Files.list(work)) {
            assertEquals(List.of(), files.toList(), "the password file and the dump are removed");
        }
        db.execute("postgres", "DROP DATABASE " + name);
    }

    @Test
    void aLoadThatOutlivesItsTimeoutIsStoppedAndDropped() throws Exception {
        String name = newName();

        var e = assertThrows(RestoreFailedException.class, () -> new Restore().restore(
                request(BackupFormat.CUSTOM_ZSTD, name).withTimeout(Duration.ofMillis(300)), line -> { }));

        assertTrue(e.getMessage().startsWith("pg_restore did not finish within PT0.3S"), e.getMessage());
        assertTrue(e.getMessage().contains("was dropped"), e.getMessage());
        assertNothingLeft(name);
    }

    @Test
    void anInterruptedRestoreStopsAndDrops() throws Exception {
        String name = newName();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread restore = new Thread(() -> {
            try {
                new Restore().restore(request(BackupFormat.CUSTOM_ZSTD, name), line -> { });
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        restore.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("pg_restore"))) {
            assertTrue(System.nanoTime() < deadline, "pg_restore started");
            Thread.sleep(5);
        }
        restore.interrupt();
        restore.join(Duration.ofSeconds(20).toMillis());

        assertFalse(restore.isAlive());
        var e = assertInstanceOf(RestoreFailedException.class, thrown.get());
        assertTrue(e.getMessage().contains("was interrupted"), e.getMessage());
        assertTrue(e.getMessage().contains("was dropped"), e.getMessage());
        assertTrue(stillInterrupted.get(), "the thread's interrupt flag is kept for its owner");
        assertNothingLeft(name);
    }

    void assertNothingLeft(String name) throws Exception {
        try (var c = db.connect("postgres");
             var statement = c.prepareStatement("select count(*) from pg_database where datname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "no database " + name + " is left");
            }
        }
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("pg_restore")).count(), "no pg_restore left running");
        try (var files = Files.list(work)) {
            assertEquals(List.of(), files.toList(), "no decompressed dump or password file is left");
        }
    }
}
