package io.lifeboat.backups.control;

import io.lifeboat.backups.control.DumpProgress.Phase;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.backups.entity.Manifest.TableRows;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.destinations.control.LocalFolder;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real backups of a real database with the machine's pg_dump. */
class DumpTest {

    private static final List<TableRows> ROWS_AT_SNAPSHOT = List.of(
            new TableRows("public", "filler", 2000),
            new TableRows("sales", "orders", 100));

    private static TestDatabase db;
    private static PgClientTools tools;
    private String database;

    @TempDir
    Path root;
    @TempDir
    Path passFiles;

    @BeforeAll
    static void findTools() {
        db = TestDatabase.get();
        tools = PgClientTools.withDefaults(List.of());
    }

    @BeforeEach
    void createDatabase() {
        database = db.createDatabase("dump");
        db.execute(database, """
                create schema sales;
                create table sales.orders (id int primary key, total numeric(10,2));
                insert into sales.orders select g, g * 1.5 from generate_series(1, 100) g;
                create table filler (id int, padding text);
                insert into filler select g, repeat(md5(g::text), 32) from generate_series(1, 2000) g;
                """);
    }

    static DatabaseLogin login(String databaseName) {
        return new DatabaseLogin(db.host(), db.port(), databaseName, db.superuser(), db.password());
    }

    private Dump dump() {
        return new Dump(tools, Duration.ofSeconds(5), passFiles, Clock.systemUTC());
    }

    private static DumpRequest request(String id, BackupFormat format, DatabaseLogin login) {
        return DumpRequest.of(id, "crm", login, format, Trigger.MANUAL, "alice").withStallTimeout(Duration.ofSeconds(20));
    }

    /** Inserts rows from another connection right after the snapshot was exported, before pg_dump starts. */
    private DumpProgress insertingAfterTheSnapshot() {
        return new DumpProgress(50, phase -> {
            if (phase == Phase.SNAPSHOT_TAKEN) {
                db.execute(database, "insert into sales.orders select g, 1 from generate_series(1001, 1005) g");
            }
        });
    }

    @Test
    void customZstdBackupIsCompleteVerifiableAndTakenInTheSnapshot() throws Exception {
        DumpProgress progress = insertingAfterTheSnapshot();
        String id = BackupKeys.newBackupId(Instant.now());
        var destination = new LocalFolder(root);

        Manifest manifest = dump().run(request(id, BackupFormat.CUSTOM_ZSTD, login(database)), destination, progress);

        var keys = new BackupKeys("crm", id, manifest.startedAt());
        assertEquals(List.of(keys.artifact(BackupFormat.CUSTOM_ZSTD), keys.manifest()), destination.list("crm/"));
        Path artifact = root.resolve(keys.artifact(BackupFormat.CUSTOM_ZSTD));
        assertEquals(sha256(artifact), manifest.dump().sha256());
        assertEquals(Files.size(artifact), manifest.dump().size());
        try (InputStream in = destination.open(keys.manifest())) {
            assertEquals(manifest, Manifests.read(in));
        }
        assertEquals(ROWS_AT_SNAPSHOT, manifest.tables(), "rows inserted after the snapshot are not counted");
        assertEquals(database, manifest.database());
        assertEquals("zstd-1", manifest.compression());
        assertEquals(15, Integer.parseInt(manifest.serverVersion().split("\\.")[0]));
        assertTrue(manifest.pgDumpVersion().startsWith("pg_dump (PostgreSQL) 15."), manifest.pgDumpVersion());
        assertTrue(manifest.systemIdentifier().matches("\\d{10,}"), manifest.systemIdentifier());
        assertEquals(Trigger.MANUAL, manifest.trigger());
        assertFalse(manifest.finishedAt().isBefore(manifest.startedAt()));

        shell("zstd -tq '" + artifact + "'");
        String listing = shell("zstd -dc '" + artifact + "' | pg_restore -l");
        assertTrue(listing.contains("TABLE DATA sales orders"), listing);
        assertTrue(listing.contains("TABLE DATA public filler"), listing);

        String restored = db.createDatabase("restored");
        shell("zstd -dc '" + artifact + "' | PGPASSWORD='" + db.password() + "' pg_restore --exit-on-error -h "
                + db.host() + " -p " + db.port() + " -U " + db.superuser() + " -d " + restored);
        assertEquals("100", query(restored, "select count(*) from sales.orders"),
                "the dump holds exactly the rows of the snapshot");

        assertEquals(Phase.DONE, progress.phase());
        assertTrue(progress.bytesRead() > 1_000_000, "read " + progress.bytesRead());
        assertEquals(Files.size(artifact), progress.bytesWritten());
        assertEquals(2, progress.tablesCounted());
        assertTrue(progress.bytesPerSecond() > 0);
        assertTrue(progress.log().stream().anyMatch(line -> line.contains("complete")), progress.log().toString());
        assertTrue(progress.log().stream().noneMatch(line -> line.contains("counted in the snapshot")),
                "the rows were counted in the archive as it passed: " + progress.log());
    }

    @Test
    void anArchiveWhoseRowsCannotBeCountedAsItPassesHasThemCountedInTheSnapshot() throws Exception {
        // a pg_dump that compresses its archive although asked not to: its chunks are no longer rows
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path compressing = bin.resolve("pg_dump");
        Files.writeString(compressing, "#!/bin/sh\nexec '" + ClientTools.bin("pg_dump") + "' \"$@\" --compress=1\n");
        Files.setPosixFilePermissions(compressing, PosixFilePermissions.fromString("rwxr-xr-x"));
        DumpProgress progress = insertingAfterTheSnapshot();
        var destination = new LocalFolder(root.resolve("backups"));

        Manifest manifest = new Dump(new PgClientTools(List.of(bin)), Duration.ofSeconds(5), passFiles,
                Clock.systemUTC()).run(request(BackupKeys.newBackupId(Instant.now()), BackupFormat.CUSTOM_ZSTD,
                login(database)), destination, progress);

        assertEquals(ROWS_AT_SNAPSHOT, manifest.tables(), "counted in the dump's snapshot all the same");
        assertTrue(progress.log().stream().anyMatch(line -> line.contains("counted in the snapshot after the dump")
                && line.contains("does not end a row")), progress.log().toString());
        assertEquals(2, destination.list("").size(), "a complete backup");
    }

    @Test
    void plainGzipBackupIsRestorableSqlWithCleanStatements() throws Exception {
        String id = BackupKeys.newBackupId(Instant.now());
        var destination = new LocalFolder(root);

        Manifest manifest = dump().run(request(id, BackupFormat.PLAIN_GZIP, login(database)), destination,
                insertingAfterTheSnapshot());

        var keys = new BackupKeys("crm", id, manifest.startedAt());
        Path artifact = root.resolve(keys.artifact(BackupFormat.PLAIN_GZIP));
        assertEquals(List.of(keys.artifact(BackupFormat.PLAIN_GZIP), keys.manifest()), destination.list(""));
        assertEquals(sha256(artifact), manifest.dump().sha256());
        assertEquals("gzip-6", manifest.compression());
        assertEquals(ROWS_AT_SNAPSHOT, manifest.tables());
        String sql = shell("gzip -dc '" + artifact + "'");
        assertTrue(sql.contains("CREATE TABLE sales.orders"), "the dump has the table");
        assertTrue(sql.contains("DROP TABLE IF EXISTS sales.orders"), "--clean --if-exists");
        assertTrue(sql.contains("\n100\t150.00\n"), "rows of the snapshot are in the dump");
        assertFalse(sql.contains("\n1001\t1.00\n"), "a row inserted after the snapshot is not in the dump");
    }

    @Test
    void passwordNeverReachesPgDumpsCommandLineAndThePassFileIsGoneAfterwards() throws Exception {
        var commandLine = new AtomicReference<String>();
        var environment = new AtomicReference<String>();
        var passFileDuringRun = new AtomicReference<Path>();
        var progress = new DumpProgress(50, phase -> {
            if (phase == Phase.DUMPING) {
                ProcessHandle pgDump = runningPgDump();
                commandLine.set(read(Path.of("/proc", Long.toString(pgDump.pid()), "cmdline")));
                environment.set(read(Path.of("/proc", Long.toString(pgDump.pid()), "environ")));
                try (var files = Files.list(passFiles)) {
                    passFileDuringRun.set(files.findFirst().orElseThrow());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        dump().run(request(BackupKeys.newBackupId(Instant.now()), BackupFormat.CUSTOM_ZSTD, login(database)),
                new LocalFolder(root), progress);

        assertTrue(commandLine.get().contains("--snapshot="), commandLine.get());
        assertFalse(commandLine.get().contains(db.password()), "no password in argv");
        assertFalse(environment.get().contains(db.password()), "no password in the environment");
        assertTrue(environment.get().contains("PGPASSFILE=" + passFileDuringRun.get()), "password comes from the file");
        assertTrue(environment.get().contains("_STDBUF_O=" + StdoutBuffer.BYTES + " "), "pg_dump's output buffer is set");
        assertFalse(Files.exists(passFileDuringRun.get()), "the pass file is deleted after the run");

        List<String> arguments = PgDumpCommand.arguments(tools.forServer(15), login(database),
                BackupFormat.PLAIN_GZIP, "00000003-00000002-1");
        assertFalse(String.join(" ", arguments).contains(db.password()));
        assertTrue(arguments.contains("--no-password"));
    }

    @Test
    void wrongPasswordFailsClearlyAndLeavesNothing() throws IOException {
        var login = new DatabaseLogin(db.host(), db.port(), database, db.superuser(), "wrong");
        var progress = new DumpProgress();
        var e = assertThrows(BackupFailedException.class,
                () -> dump().run(request("b1", BackupFormat.CUSTOM_ZSTD, login), new LocalFolder(root), progress));
        assertEquals("PostgreSQL refused the password for user " + db.superuser() + " on " + db.host() + ":"
                + db.port() + "/" + database + ": check the target's password", e.getMessage());
        assertEquals(Phase.FAILED, progress.phase());
        assertNothingLeft(root, passFiles);
    }

    @Test
    void unreachableServerFailsClearlyAndLeavesNothing() throws IOException {
        int port = TestDatabase.freePort();
        var login = new DatabaseLogin(db.host(), port, database, db.superuser(), db.password());
        var e = assertThrows(BackupFailedException.class,
                () -> dump().run(request("b1", BackupFormat.CUSTOM_ZSTD, login), new LocalFolder(root),
                        new DumpProgress()));
        assertTrue(e.getMessage().startsWith("Could not reach PostgreSQL at " + db.host() + ":" + port
                + ": check the host, port and firewall"), e.getMessage());
        assertNothingLeft(root, passFiles);
    }

    @Test
    void noFittingPgDumpFailsBeforeAnythingIsWritten() throws IOException {
        var noTools = new Dump(new PgClientTools(List.of(root.resolve("empty"))), Duration.ofSeconds(5), passFiles,
                Clock.systemUTC());
        var e = assertThrows(BackupFailedException.class,
                () -> noTools.run(request("b1", BackupFormat.CUSTOM_ZSTD, login(database)), new LocalFolder(root),
                        new DumpProgress()));
        assertTrue(e.getMessage().contains("Install postgresql-client-15"), e.getMessage());
        assertNothingLeft(root, passFiles);
    }

    static void assertNothingLeft(Path... folders) throws IOException {
        for (Path folder : folders) {
            try (var files = Files.walk(folder)) {
                List<Path> left = files.filter(Files::isRegularFile).toList();
                assertEquals(List.of(), left, "nothing is left in " + folder);
            }
        }
    }

    static String sha256(Path file) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String shell(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String query(String databaseName, String sql) throws Exception {
        try (var c = db.connect(databaseName); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** pg_dump among this JVM's children, once stdbuf has become it. */
    private static ProcessHandle runningPgDump() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var pgDump = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/pg_dump")).orElse(false)).findFirst();
            if (pgDump.isPresent()) {
                return pgDump.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no pg_dump among " + ProcessHandle.current().descendants()
                .map(p -> p.info().command().orElse("?")).toList());
    }

    private static String read(Path procFile) {
        try {
            return new String(Files.readAllBytes(procFile), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
