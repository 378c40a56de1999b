package io.lifeboat.it;

import io.lifeboat.testing.TestDatabase;
import io.lifeboat.testing.TestS3Server;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Destinations through the API: configured, tested against a real S3 server, used by a target, and kept while used. */
class DestinationsIT {

    static final String BUCKET = "lifeboat-it";

    static TestS3Server s3;
    static LifeboatServer lifeboat;
    static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.get();
        s3 = TestS3Server.start(Path.of("target", "s3-destinations-it-" + ProcessHandle.current().pid(), "data"));
        s3.createBucket(BUCKET);
        lifeboat = LifeboatServer.start(Map.of("lifeboat.backups.stall-timeout", "PT20S"), Map.of(
                "LIFEBOAT_SECRETS_OFFSITE_ACCESS", s3.accessKeyId(),
                "LIFEBOAT_SECRETS_OFFSITE_SECRET", s3.secretKey(),
                "LIFEBOAT_SECRETS_WRONG_SECRET", "not-the-secret-key"));
    }

    @AfterAll
    static void stop() {
        if (lifeboat != null) {
            lifeboat.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static String s3Location(String endpoint, String bucket, String prefix, String secretAlias) {
        return "s3://" + bucket + "/" + prefix + "?endpoint=" + endpoint + "&region=" + TestS3Server.REGION
                + "&pathStyle=true&accessKeyAlias=offsite-access&secretKeyAlias=" + secretAlias
                + "&partSizeMiB=5&attempts=2&timeoutSeconds=3";
    }

    static String destinationJson(String name, String kind, String location) {
        return """
                {"name": "%s", "kind": "%s", "location": "%s"}""".formatted(name, kind, location);
    }

    @Test
    void destinationsAreCreatedListedChangedAndDeleted() throws Exception {
        Path folder = Files.createDirectories(lifeboat.data().resolve("elsewhere"));
        var created = lifeboat.post("/api/destinations", destinationJson("spare", "LOCAL", folder.toString()));
        assertEquals(201, created.status(), created.body());
        assertEquals("LOCAL", created.json().getString("kind"));
        assertEquals(List.of(), created.json().getJsonArray("usedBy"));

        var listed = lifeboat.get("/api/destinations");
        assertEquals(200, listed.status(), listed.body());
        assertTrue(listed.array().getValuesAs(JsonObject.class).stream()
                .anyMatch(d -> d.getString("name").equals("local") && d.getJsonArray("usedBy").toString().contains("demo")),
                "the first start's local destination, used by the demo target: " + listed.body());

        var again = lifeboat.post("/api/destinations", destinationJson("spare", "LOCAL", folder.toString()));
        assertEquals(409, again.status(), again.body());
        var relative = lifeboat.post("/api/destinations", destinationJson("rel", "LOCAL", "backups"));
        assertEquals(400, relative.status(), relative.body());
        assertTrue(relative.body().contains("must be an absolute folder path"), relative.body());
        var ftp = lifeboat.post("/api/destinations", destinationJson("ftp", "FTP", "ftp://x"));
        assertEquals(400, ftp.status(), ftp.body());
        assertTrue(ftp.body().contains("use \\\"LOCAL\\\" (a folder), \\\"S3\\\" (an S3-compatible bucket) or \\\"ONEDRIVE\\\""),
                ftp.body());
        var badUri = lifeboat.post("/api/destinations", destinationJson("bad", "S3", "http://bucket"));
        assertEquals(400, badUri.status(), badUri.body());
        assertTrue(badUri.body().contains("Invalid S3 location"), badUri.body());

        Path moved = Files.createDirectories(lifeboat.data().resolve("moved"));
        var changed = lifeboat.put("/api/destinations/spare", """
                {"location": "%s"}""".formatted(moved));
        assertEquals(200, changed.status(), changed.body());
        assertEquals(moved.toString(), changed.json().getString("location"));

        var test = lifeboat.post("/api/destinations/spare/test", null);
        assertEquals(200, test.status(), test.body());
        assertTrue(test.json().getBoolean("ok"), test.body());

        assertEquals(204, lifeboat.delete("/api/destinations/spare").status());
        assertEquals(404, lifeboat.get("/api/destinations/spare").status());
    }

    @Test
    void theTestSaysWhatIsWrongWithAnS3Destination() {
        String endpoint = s3.endpoint().toString();
        create("s3-good", s3Location(endpoint, BUCKET, "probe", "offsite-secret"));
        create("s3-nobucket", s3Location(endpoint, "no-such-bucket", "probe", "offsite-secret"));
        create("s3-badkey", s3Location(endpoint, BUCKET, "probe", "wrong-secret"));
        create("s3-down", s3Location("http://127.0.0.1:" + TestDatabase.freePort(), BUCKET, "probe", "offsite-secret"));
        create("s3-noalias", s3Location(endpoint, BUCKET, "probe", "never-set"));

        JsonObject good = probe("s3-good");
        assertTrue(good.getBoolean("ok"), good.toString());
        assertTrue(good.getString("message").startsWith("Wrote, read back, listed and deleted a probe object"), good.toString());

        assertProbeFails("s3-nobucket", "The bucket no-such-bucket does not exist at " + endpoint + ": create it");
        assertProbeFails("s3-badkey", "S3 refused the credentials for bucket " + BUCKET);
        assertProbeFails("s3-down", "Could not reach http://127.0.0.1:");
        assertFalse(lifeboat.get("/api/destinations/s3-badkey").body().contains("not-the-secret-key"));

        var noAlias = lifeboat.post("/api/destinations/s3-noalias/test", null);
        assertEquals(400, noAlias.status(), noAlias.body());
        assertTrue(noAlias.body().contains("No value is stored for the secret alias 'never-set'"), noAlias.body());
        assertTrue(s3.client().listObjectsV2(b -> b.bucket(BUCKET).prefix("probe/")).contents().isEmpty(),
                "the probes leave nothing behind");
        assertFalse(lifeboat.logText().contains(s3.secretKey()), "the log never holds the S3 secret key");
    }

    @Test
    void aTargetWritesToEveryDestinationAndADestinationInUseIsKept() throws Exception {
        create("offsite", s3Location(s3.endpoint().toString(), BUCKET, "backups", "offsite-secret"));
        String database = db.createDatabase("fanout_it");
        db.execute(database, "create table orders (id int primary key); insert into orders select generate_series(1, 500);");
        Api.createTarget(lifeboat, db, "fanout", database, ", \"destinations\": [\"local\", \"offsite\"], "
                + "\"destinationRetention\": {\"offsite\": {\"keepLast\": 5, \"keepDays\": 0, \"keepDaily\": 0, "
                + "\"keepWeekly\": 0, \"keepMonthly\": 0}}");
        var target = lifeboat.get("/api/targets/fanout").json();
        assertEquals("[\"local\",\"offsite\"]", target.getJsonArray("destinations").toString());
        assertEquals(5, target.getJsonObject("destinationRetention").getJsonObject("offsite").getInt("keepLast"));

        var backup = lifeboat.post("/api/targets/fanout/backups?wait=true", null);
        assertEquals(201, backup.status(), backup.body());
        var copies = backup.json().getJsonArray("copies").getValuesAs(JsonObject.class);
        assertEquals(List.of("local COMPLETE", "offsite COMPLETE"),
                copies.stream().map(c -> c.getString("destination") + " " + c.getString("status")).toList());
        assertFalse(backup.json().containsKey("warning") && !backup.json().isNull("warning"), backup.body());
        String folder = backup.json().getString("folder");
        assertTrue(Files.isRegularFile(lifeboat.data().resolve("backups").resolve(folder).resolve("manifest.json")));
        assertEquals(2, s3.client().listObjectsV2(b -> b.bucket(BUCKET).prefix("backups/" + folder)).contents().size(),
                "the dump and its manifest are in the bucket");

        var inUse = lifeboat.delete("/api/destinations/offsite");
        assertEquals(409, inUse.status(), inUse.body());
        assertTrue(inUse.body().contains("is used by the targets [fanout]"), inUse.body());

        var plans = lifeboat.get("/api/targets/fanout/retention");
        assertEquals(200, plans.status(), plans.body());
        assertEquals(List.of("local false", "offsite true"), plans.array().getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("destination") + " " + p.getBoolean("ownPolicy")).toList());

        s3.kill();
        JsonObject degraded;
        try {
            var second = lifeboat.post("/api/targets/fanout/backups?wait=true", null);
            assertEquals(201, second.status(), second.body());
            degraded = second.json();
        } finally {
            s3.restart();
        }
        var secondCopies = degraded.getJsonArray("copies").getValuesAs(JsonObject.class);
        assertEquals("COMPLETE", secondCopies.get(0).getString("status"));
        assertEquals("FAILED", secondCopies.get(1).getString("status"));
        assertTrue(secondCopies.get(1).getString("reason").contains("Could not reach"), degraded.toString());
        assertTrue(degraded.getString("warning").startsWith("The copy in offsite failed"), degraded.toString());
        JsonObject run = Api.run(lifeboat, degraded.getJsonNumber("runId").longValue());
        assertEquals("SUCCEEDED", run.getString("status"), run.toString());
        assertTrue(run.getJsonArray("log").toString().contains("Warning: 1 of 2 copies failed; offsite:"), run.toString());
        assertTrue(run.getString("message").contains("Warning: 1 of 2 copies failed"), run.toString());

        // the first backup's local copy is lost: the restore reads the offsite one instead, and says so
        Files.delete(lifeboat.data().resolve("backups").resolve(folder).resolve("dump.pgc.zst"));
        String restored = "fanout_restored_" + Long.toHexString(System.nanoTime());
        var restore = lifeboat.post("/api/restores?wait=true", """
                {"backupId": "%s", "database": "%s"}""".formatted(backup.json().getString("id"), restored));
        assertEquals(201, restore.status(), restore.body());
        JsonObject restoreRun = Api.runs(lifeboat, "fanout").stream()
                .filter(r -> r.getString("kind").equals("RESTORE")).findFirst().orElseThrow();
        String restoreLog = restoreRun.getJsonArray("log").toString();
        assertTrue(restoreLog.contains("The copy in 'local'"), restoreLog);
        assertTrue(restoreLog.contains("falling back to the copy in 'offsite'"), restoreLog);
        try (var connection = db.connect(restored);
             var rows = connection.createStatement().executeQuery("select count(*) from orders")) {
            rows.next();
            assertEquals(500, rows.getInt(1));
        }
    }

    private static void create(String name, String location) {
        var created = lifeboat.post("/api/destinations", destinationJson(name, "S3", location));
        assertEquals(201, created.status(), created.body());
    }

    private static JsonObject probe(String name) {
        var reply = lifeboat.post("/api/destinations/" + name + "/test", null);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static void assertProbeFails(String name, String expected) {
        JsonObject result = probe(name);
        assertFalse(result.getBoolean("ok"), result.toString());
        assertEquals("WRITE", result.getString("failedStep"), result.toString());
        assertTrue(result.getString("message").contains(expected), result.toString());
    }
}
