package io.lifeboat.backups.control;

import io.lifeboat.backups.control.DumpProgress.Phase;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.destinations.control.LocalFolder;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.lifeboat.backups.control.DumpTest.assertNothingLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backups that go wrong half-way leave nothing behind and say why. */
class DumpFailuresTest {

    private static TestDatabase db;
    private static String big;
    private static PgClientTools tools;

    @TempDir
    Path root;
    @TempDir
    Path passFiles;

    @BeforeAll
    static void createBigDatabase() {
        db = TestDatabase.get();
        tools = PgClientTools.withDefaults(List.of());
        big = db.createDatabase("big");
        // about 60 MB of random bytes: the dump takes long enough to be interrupted
        db.execute(big, "create extension pgcrypto");
        db.execute(big, "create table blobs as select i as id, (select string_agg(gen_random_bytes(1024), ''::bytea)"
                + " from generate_series(1, 1024) where i > 0) as data from generate_series(1, 60) i");
        db.execute(big, "alter table blobs set (autovacuum_enabled = false)");
    }

    private static DatabaseLogin login(String database) {
        return new DatabaseLogin(db.host(), db.port(), database, db.superuser(), db.password());
    }

    private Dump dump() {
        return new Dump(tools, Duration.ofSeconds(5), passFiles, Clock.systemUTC());
    }

    private static DumpRequest request(String database, Duration stallTimeout) {
        return DumpRequest.of("b1", "crm", login(database), BackupFormat.CUSTOM_ZSTD, Trigger.SCHEDULE, "scheduler")
                .withStallTimeout(stallTimeout);
    }

    /** Runs {@code action} once the dump has read some bytes, on another thread. */
    private static void whenDumping(DumpProgress progress, Runnable action) {
        var thread = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (progress.bytesRead() < 2_000_000 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            action.run();
        });
        thread.setDaemon(true);
        thread.start();
    }

    private static final Predicate<ProcessHandle> PG_DUMP =
            p -> p.info().command().map(c -> c.endsWith("/pg_dump")).orElse(false);

    @Test
    void pgDumpKilledMidRunFailsNamingItsEndAndLeavesNothing() throws Exception {
        var progress = new DumpProgress();
        whenDumping(progress, () -> ProcessHandle.current().descendants().filter(PG_DUMP)
                .forEach(ProcessHandle::destroyForcibly));

        var e = assertThrows(BackupFailedException.class,
                () -> dump().run(request(big, Duration.ofSeconds(30)), new LocalFolder(root), progress));

        assertTrue(e.getMessage().startsWith("pg_dump was killed (signal 9) before the dump was complete"),
                e.getMessage());
        assertTrue(progress.bytesRead() >= 2_000_000, "it was killed mid-run");
        assertEquals(Phase.FAILED, progress.phase());
        assertNothingLeft(root, passFiles);
    }

    @Test
    void cancelStopsPgDumpAndLeavesNothing() throws Exception {
        var progress = new DumpProgress();
        whenDumping(progress, progress::cancel);

        var e = assertThrows(BackupFailedException.class,
                () -> dump().run(request(big, Duration.ofSeconds(30)), new LocalFolder(root), progress));

        assertEquals("The backup b1 of crm was cancelled; nothing of it was kept", e.getMessage());
        assertEquals(0, ProcessHandle.current().descendants().filter(PG_DUMP).count(), "pg_dump is gone");
        assertNothingLeft(root, passFiles);
    }

    @Test
    void fullDestinationSaysWhereAndLeavesNothing() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path mount = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "full-");
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                .inheritIO().start();
        assertTrue(mounting.waitFor(30, TimeUnit.SECONDS) && mounting.exitValue() == 0, "mount a 1 MiB tmpfs");
        try {
            var destination = new LocalFolder(mount);
            var e = assertThrows(BackupFailedException.class,
                    () -> dump().run(request(big, Duration.ofSeconds(30)), destination, new DumpProgress()));

            assertTrue(e.getMessage().startsWith("The destination local folder " + mount + " is full: no space left "
                    + "while writing crm/"), e.getMessage());
            assertTrue(e.getMessage().contains("Free space there"), e.getMessage());
            assertNothingLeft(mount, passFiles);
            assertEquals(0, ProcessHandle.current().descendants().filter(PG_DUMP).count(), "pg_dump is gone");
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void lockedTableStallsTheDumpWhichIsStoppedAndLeavesNothing() throws Exception {
        String database = db.createDatabase("locked");
        db.execute(database, "create table accounts (id int); insert into accounts values (1)");
        try (Connection holder = db.connect(database)) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table accounts in access exclusive mode");
            long start = System.nanoTime();

            var e = assertThrows(BackupFailedException.class,
                    () -> dump().run(request(database, Duration.ofSeconds(2)), new LocalFolder(root),
                            new DumpProgress()));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e.getMessage().startsWith("No data from pg_dump for 2 s: the database may be locked (pg_dump "
                    + "waits for a lock on accounts held by pid "), e.getMessage());
            assertTrue(e.getMessage().contains("holding AccessExclusiveLock); the backup was stopped"), e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "stopped after " + took);
            assertNothingLeft(root, passFiles);
            holder.rollback();
        }
    }
}
