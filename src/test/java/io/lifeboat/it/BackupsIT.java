package io.lifeboat.it;

import io.lifeboat.restores.TestBackup;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.testing.DatabaseComparison;
import io.lifeboat.testing.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backups and restores through the API of a running Lifeboat, checked against the databases and the disk. */
class BackupsIT {

    static LifeboatServer lifeboat;
    static TestDatabase db;
    static String rich;

    @BeforeAll
    static void start() {
        lifeboat = LifeboatServer.shared();
        db = TestDatabase.get();
        rich = SampleDatabases.rich(db);
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void aBackupRestoresToTheSameSchemaAndData(BackupFormat format) throws Exception {
        String target = "round-trip-" + format.name().toLowerCase().replace('_', '-');
        Api.createTarget(lifeboat, db, target, rich, ", \"format\": \"" + format + "\"");

        var created = lifeboat.post("/api/targets/" + target + "/backups?wait=true", null);
        assertEquals(201, created.status(), created.body());
        JsonObject backup = created.json();
        String id = backup.getString("id");
        assertEquals(format.name(), backup.getString("format"));
        assertEquals(id, Api.backups(lifeboat, target).get(0).getString("id"), "the new backup is listed first");

        Path artifact = Api.folder(lifeboat, backup).resolve(format.artifactName());
        assertTrue(Files.isRegularFile(artifact), artifact + " exists");
        assertTrue(Files.isRegularFile(Api.folder(lifeboat, backup).resolve("manifest.json")), "the manifest is on disk");
        assertArrayEquals(format == BackupFormat.CUSTOM_ZSTD ? new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}
                : new byte[]{0x1f, (byte) 0x8b}, magic(artifact, format == BackupFormat.CUSTOM_ZSTD ? 4 : 2),
                "the artifact is " + format.compression());
        String onDisk = TestBackup.sha256(artifact);
        assertEquals(onDisk, backup.getString("sha256"));
        assertEquals(Files.size(artifact), backup.getJsonNumber("sizeBytes").longValue());

        var manifest = lifeboat.get("/api/backups/" + id + "/manifest");
        assertEquals(200, manifest.status(), manifest.body());
        var dump = manifest.json().getJsonArray("artifacts").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("name").equals(format.artifactName())).findFirst().orElseThrow();
        assertEquals(onDisk, dump.getString("sha256"), "the manifest holds the checksum of the file on disk");
        assertEquals(Files.size(artifact), dump.getJsonNumber("size").longValue());
        Map<String, Long> listed = new TreeMap<>();
        manifest.json().getJsonArray("tables").getValuesAs(JsonObject.class).forEach(t ->
                listed.put(t.getString("schema") + "." + t.getString("table"), t.getJsonNumber("rows").longValue()));
        Map<String, Long> real = SampleDatabases.rowCounts(db, rich);
        assertEquals(real, listed, "the manifest's row counts are the database's");
        assertEquals(400L, listed.get("sales.orders"), "the fixture was loaded");

        JsonObject run = Api.run(lifeboat, backup.getJsonNumber("runId").longValue());
        assertEquals("SUCCEEDED", run.getString("status"), run.toString());
        assertEquals("API", run.getString("trigger"));
        assertTrue(Api.bytesRead(run) > 0, run.toString());
        assertTrue(run.getJsonObject("progress").getJsonNumber("bytesWritten").longValue() > 0, run.toString());
        assertFalse(run.getJsonArray("log").isEmpty(), "the run has a log: " + run);

        String restored = "restored_" + format.name().toLowerCase() + "_" + Long.toHexString(System.nanoTime());
        var report = lifeboat.post("/api/restores?wait=true", """
                {"backupId": "%s", "database": "%s"}""".formatted(id, restored));
        assertEquals(201, report.status(), report.body());
        assertEquals(restored, report.json().getString("database"));
        var tables = report.json().getJsonArray("tables").getValuesAs(JsonObject.class);
        assertEquals(real.size(), tables.size(), report.body());
        assertTrue(tables.stream().allMatch(t -> t.getJsonNumber("expected").longValue()
                == t.getJsonNumber("actual").longValue()), report.body());
        DatabaseComparison.assertSameContent(db, rich, restored);
    }

    @Test
    void aPinnedBackupIsNotDeletedUntilUnpinned() {
        String database = db.createDatabase("pinned");
        db.execute(database, "CREATE TABLE notes (id integer PRIMARY KEY, body text); "
                + "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 50) g");
        Api.createTarget(lifeboat, db, "pinned", database, "");
        var created = lifeboat.post("/api/targets/pinned/backups?wait=true", null);
        assertEquals(201, created.status(), created.body());
        String id = created.json().getString("id");
        Path folder = Api.folder(lifeboat, created.json());

        var pinned = lifeboat.put("/api/backups/" + id + "/pin", null);
        assertEquals(200, pinned.status(), pinned.body());
        assertTrue(pinned.json().getBoolean("pinned"));
        var refused = lifeboat.delete("/api/backups/" + id);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.json().getString("detail").contains("unpin it first"), refused.body());
        assertTrue(Files.isRegularFile(folder.resolve("manifest.json")), "a pinned backup keeps its files");
        assertEquals(1, Api.backups(lifeboat, "pinned").size());

        var unpinned = lifeboat.delete("/api/backups/" + id + "/pin");
        assertEquals(200, unpinned.status(), unpinned.body());
        assertFalse(unpinned.json().getBoolean("pinned"));
        assertEquals(204, lifeboat.delete("/api/backups/" + id).status());
        assertFalse(Files.exists(folder), folder + " is removed");
        assertEquals(0, Api.backups(lifeboat, "pinned").size());
        assertEquals(404, lifeboat.get("/api/backups/" + id).status());
    }

    private static byte[] magic(Path file, int length) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        }
    }
}
