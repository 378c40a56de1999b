package io.lifeboat.it;

import io.lifeboat.restores.TestBackup;
import io.lifeboat.testing.DatabaseComparison;
import io.lifeboat.testing.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults met through the API: each leaves a failed run that says why, nothing half-made listed or on
 * disk, a catalog that agrees with the disk, and the backups made before it untouched.
 */
class BackupFaultsIT {

    static LifeboatServer lifeboat;
    static TestDatabase db;

    @BeforeAll
    static void start() {
        lifeboat = LifeboatServer.shared();
        db = TestDatabase.get();
    }

    static String smallDatabase(String prefix) {
        String database = db.createDatabase(prefix);
        db.execute(database, "CREATE TABLE notes (id integer PRIMARY KEY, body text); "
                + "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 100) g");
        return database;
    }

    static JsonObject backupNow(String target) {
        var created = lifeboat.post("/api/targets/" + target + "/backups?wait=true", null);
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    @Test
    void aWrongPasswordFailsTheRunAndKeepsTheEarlierBackups() throws Exception {
        String database = smallDatabase("wrongpw");
        Api.createTarget(lifeboat, db, "faults-password", database, "");
        JsonObject earlier = backupNow("faults-password");
        Path earlierDump = Api.folder(lifeboat, earlier).resolve("dump.pgc.zst");
        String earlierSha = TestBackup.sha256(earlierDump);

        var changed = lifeboat.put("/api/targets/faults-password",
                Api.targetJson(db, "faults-password", database, "not-the-password", ""));
        assertEquals(200, changed.status(), changed.body());
        var failed = lifeboat.post("/api/targets/faults-password/backups?wait=true", null);

        assertEquals(500, failed.status(), failed.body());
        assertEquals("Backup failed", failed.json().getString("title"));
        assertTrue(failed.json().getString("detail").contains("refused the password"), failed.body());
        assertFalse(failed.body().contains("not-the-password"), "the problem does not repeat the password");
        JsonObject run = Api.run(lifeboat, failed.json().getJsonNumber("runId").longValue());
        assertEquals("FAILED", run.getString("status"));
        assertTrue(Api.message(run).contains("refused the password"), run.toString());
        assertEquals(List.of(earlier.getString("id")), ids(Api.backups(lifeboat, "faults-password")));
        assertEquals(earlierSha, TestBackup.sha256(earlierDump), "the earlier backup is untouched");
        assertConsistent("faults-password");
        assertFalse(lifeboat.logText().contains("not-the-password"), "the log does not hold the password");

        var fixed = lifeboat.put("/api/targets/faults-password",
                Api.targetJson(db, "faults-password", database, db.password(), ""));
        assertEquals(200, fixed.status(), fixed.body());
        backupNow("faults-password");
        assertEquals(2, Api.backups(lifeboat, "faults-password").size());
        assertConsistent("faults-password");
    }

    @Test
    void anUnreachableServerFailsTheRunWithWhereItLooked() throws Exception {
        int closedPort = TestDatabase.freePort();
        Api.createTarget(lifeboat, """
                {"name": "faults-unreachable", "host": "127.0.0.1", "port": %d, "database": "app", "user": "app",
                 "password": "secret-unreachable"}""".formatted(closedPort));
        var failed = lifeboat.post("/api/targets/faults-unreachable/backups?wait=true", null);

        assertEquals(500, failed.status(), failed.body());
        String detail = failed.json().getString("detail");
        assertTrue(detail.contains("Could not reach PostgreSQL at 127.0.0.1:" + closedPort), detail);
        assertTrue(detail.contains("check the host, port and firewall"), detail);
        JsonObject run = Api.run(lifeboat, failed.json().getJsonNumber("runId").longValue());
        assertEquals("FAILED", run.getString("status"));
        assertEquals(detail, Api.message(run));
        assertEquals(List.of(), Api.backups(lifeboat, "faults-unreachable"));
        assertConsistent("faults-unreachable");
    }

    @Test
    void aSecondBackupOfATargetWaitsForTheFirst() throws Exception {
        String database = SampleDatabases.randomBytes(db, "busy", 60);
        Api.createTarget(lifeboat, db, "faults-busy", database, "");

        var first = lifeboat.post("/api/targets/faults-busy/backups", null);
        assertEquals(202, first.status(), first.body());
        long firstRun = first.json().getJsonNumber("id").longValue();
        var second = lifeboat.post("/api/targets/faults-busy/backups", null);
        assertEquals(409, second.status(), "a second backup while one runs is refused: " + second.body());
        assertEquals(firstRun, second.json().getJsonNumber("runId").longValue(), second.body());
        assertTrue(second.json().getString("detail").contains("/api/runs/" + firstRun), second.body());
        assertEquals("RUNNING", Api.run(lifeboat, firstRun).getString("status"),
                "the first backup was still running when the second was refused");

        JsonObject done = Api.awaitEnd(lifeboat, firstRun, Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", done.getString("status"), done.toString());
        assertTrue(Api.bytesRead(done) > 60L * 1024 * 1024, "all the bytes were read: " + done);
        assertEquals(1, Api.runs(lifeboat, "faults-busy").size(), "the refused request left no run");

        var third = lifeboat.post("/api/targets/faults-busy/backups", null);
        assertEquals(202, third.status(), "once the first is done a new one is accepted: " + third.body());
        JsonObject thirdDone = Api.awaitEnd(lifeboat, third.json().getJsonNumber("id").longValue(),
                Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", thirdDone.getString("status"), thirdDone.toString());
        assertEquals(2, Api.backups(lifeboat, "faults-busy").size());
        assertConsistent("faults-busy");
    }

    @Test
    void aCorruptedArtifactIsNotRestored() throws Exception {
        Api.createTarget(lifeboat, db, "faults-corrupted", smallDatabase("corrupted"), "");
        JsonObject backup = backupNow("faults-corrupted");
        Path dump = Api.folder(lifeboat, backup).resolve("dump.pgc.zst");
        try (var file = new RandomAccessFile(dump.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0x40);
        }
        String restored = "corrupted_" + Long.toHexString(System.nanoTime());
        var failed = lifeboat.post("/api/restores?wait=true", """
                {"backupId": "%s", "database": "%s"}""".formatted(backup.getString("id"), restored));

        assertEquals(500, failed.status(), failed.body());
        assertEquals("Restore failed", failed.json().getString("title"));
        String detail = failed.json().getString("detail");
        assertTrue(detail.contains("checksum does not match the manifest"), detail);
        assertTrue(detail.contains("Nothing was created"), detail);
        assertFalse(SampleDatabases.exists(db, restored), "no database " + restored + " was created");
        JsonObject run = Api.run(lifeboat, failed.json().getJsonNumber("runId").longValue());
        assertEquals("RESTORE", run.getString("kind"));
        assertEquals("FAILED", run.getString("status"));
        assertEquals(detail, Api.message(run));
        try (var work = Files.list(lifeboat.data().resolve("work"))) {
            assertEquals(List.of(), work.toList(), "the staged dump is removed");
        }
    }

    /**
     * A listed backup whose manifest.json was lost on disk still restores: the catalog keeps a copy of the
     * manifest, and the artifact is checked against that copy before anything is created. Retention never
     * takes a listed backup for an incomplete one, but it does clean up an unlisted folder without a manifest.
     */
    @Test
    void aLostManifestIsReplacedByTheCatalogsCopyAndIncompleteFoldersAreCleanedUp() throws Exception {
        String source = smallDatabase("manifestless");
        Api.createTarget(lifeboat, db, "faults-manifest", source, "");
        JsonObject backup = backupNow("faults-manifest");
        Path folder = Api.folder(lifeboat, backup);
        Files.delete(folder.resolve("manifest.json"));

        String restored = "manifestless_" + Long.toHexString(System.nanoTime());
        var report = lifeboat.post("/api/restores?wait=true", """
                {"backupId": "%s", "database": "%s"}""".formatted(backup.getString("id"), restored));
        assertEquals(201, report.status(), report.body());
        DatabaseComparison.assertSameContent(db, source, restored);

        String stray = "20200101T000000Z-abcdef";
        Path incomplete = Api.targetFolder(lifeboat, "faults-manifest").resolve("2020/01/" + stray);
        Files.createDirectories(incomplete);
        Files.copy(folder.resolve("dump.pgc.zst"), incomplete.resolve("dump.pgc.zst"));

        var plan = lifeboat.get("/api/targets/faults-manifest/retention");
        assertEquals(200, plan.status(), plan.body());
        assertEquals(1, plan.array().size(), "one plan per destination: " + plan.body());
        JsonObject local = plan.array().getJsonObject(0);
        assertEquals("local", local.getString("destination"), plan.body());
        assertEquals(List.of(stray), planIds(local.getJsonObject("plan"), "cleanUp"), plan.body());
        assertEquals(List.of(), planIds(local.getJsonObject("plan"), "delete"), plan.body());
        assertTrue(Files.exists(incomplete.resolve("dump.pgc.zst")), "a dry run deletes nothing");

        var applied = lifeboat.post("/api/targets/faults-manifest/retention", null);
        assertEquals(200, applied.status(), applied.body());
        assertFalse(Files.exists(incomplete), "the incomplete folder is removed");
        assertEquals(List.of(backup.getString("id")), ids(Api.backups(lifeboat, "faults-manifest")));
        assertTrue(Files.isRegularFile(folder.resolve("dump.pgc.zst")), "the listed backup keeps its dump");
        assertConsistent("faults-manifest");
    }

    @Test
    void aRestoreIntoAnExistingDatabaseIsRefusedBeforeAnyRunStarts() throws Exception {
        String existing = smallDatabase("existing");
        Api.createTarget(lifeboat, db, "faults-existing", existing, "");
        JsonObject backup = backupNow("faults-existing");
        db.execute(existing, "INSERT INTO notes VALUES (1000, 'written after the backup')");
        var before = DatabaseComparison.content(db, existing);

        var refused = lifeboat.post("/api/restores?wait=true", """
                {"backupId": "%s", "database": "%s"}""".formatted(backup.getString("id"), existing));

        assertEquals(409, refused.status(), refused.body());
        assertEquals("Database exists", refused.json().getString("title"));
        assertEquals(existing, refused.json().getString("database"));
        assertTrue(refused.json().getString("detail").contains("exists already"), refused.body());
        assertTrue(refused.json().getString("detail").contains("choose another name"), refused.body());
        assertTrue(refused.json().getString("detail").contains("was not touched"), refused.body());
        assertEquals(List.of("BACKUP"), kinds("faults-existing"), "no restore run was started");
        assertEquals(before, DatabaseComparison.content(db, existing), "the existing database is intact");
    }

    @Test
    void aRestoreIntoAnImpossibleDatabaseNameIsABadRequest() {
        String database = smallDatabase("badname");
        Api.createTarget(lifeboat, db, "faults-badname", database, "");
        String id = backupNow("faults-badname").getString("id");

        for (String name : List.of("Mixed-Case", "drop table x;", "1starts_with_a_digit", "x".repeat(64))) {
            var refused = lifeboat.post("/api/restores?wait=true", """
                    {"backupId": "%s", "database": "%s"}""".formatted(id, name));

            assertEquals(400, refused.status(), name + ": " + refused.body());
            assertTrue(refused.json().getString("detail").contains("cannot be the name of the new database"),
                    refused.body());
            assertTrue(refused.json().getString("detail").contains("lower-case letters"), refused.body());
        }
        assertEquals(List.of("BACKUP"), kinds("faults-badname"), "no restore run was started");
    }

    private static List<String> kinds(String target) {
        return Api.runs(lifeboat, target).stream().map(r -> r.getString("kind")).toList();
    }

    /** The listing, the catalog and the disk agree, and no run of the target is left running. */
    static void assertConsistent(String target) throws SQLException, java.io.IOException {
        Set<String> listed = new HashSet<>(ids(Api.backups(lifeboat, target)));
        Set<String> inCatalog = new HashSet<>();
        try (var c = lifeboat.catalog();
             var backups = c.prepareStatement("select id from backups where target = ?");
             var running = c.prepareStatement("select count(*) from runs where target = ? and status = 'RUNNING'")) {
            backups.setString(1, target);
            try (var rows = backups.executeQuery()) {
                while (rows.next()) {
                    inCatalog.add(rows.getString(1));
                }
            }
            running.setString(1, target);
            try (var rows = running.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getLong(1), "no run of " + target + " is left running");
            }
        }
        assertEquals(listed, inCatalog);
        Path root = Api.targetFolder(lifeboat, target);
        Set<String> onDisk = new HashSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(file.toString().endsWith(".partial"), "a partial upload is left: " + file);
                    onDisk.add(root.relativize(file).getName(2).toString());
                }
            }
        }
        assertEquals(listed, onDisk, "the backup folders on disk are the listed ones");
    }

    static List<String> ids(List<JsonObject> backups) {
        return backups.stream().map(b -> b.getString("id")).toList();
    }

    static List<String> planIds(JsonObject plan, String list) {
        return plan.getJsonArray(list).getValuesAs(JsonObject.class).stream()
                .map(d -> d.getJsonObject("backup").getString("id")).collect(Collectors.toList());
    }
}
