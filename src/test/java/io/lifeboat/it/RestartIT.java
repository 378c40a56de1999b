package io.lifeboat.it;

import io.lifeboat.testing.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Lifeboat of its own, killed like a power cut while it dumps a large database and started again on the same
 * data folder (its embedded catalog cluster still running). Meanwhile a schedule's slots passed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    static LifeboatServer lifeboat;
    static TestDatabase db;
    static JsonObject killedRun;
    static List<Path> leftByTheKill;
    static Instant restarted;
    static OffsetDateTime missedSlot;

    @BeforeAll
    static void killAndRestart() throws Exception {
        db = TestDatabase.get();
        String large = SampleDatabases.randomBytes(db, "large", 150);
        lifeboat = LifeboatServer.start(Map.of("lifeboat.runs.heartbeat-timeout", "PT30S"));
        Api.createTarget(lifeboat, db, "killed", large, "");

        // an hourly slot half an hour away: nothing is due now, and the last slot is before the schedule existed
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        int minute = (now.getMinute() + 30) % 60;
        Api.createTarget(lifeboat, db, "missed", db.createDatabase("missed"),
                ", \"schedule\": {\"cron\": \"%d * * * *\", \"zone\": \"UTC\"}".formatted(minute));
        missedSlot = now.minusMinutes(30).truncatedTo(ChronoUnit.HOURS).withMinute(minute);
        if (missedSlot.isAfter(now.minusMinutes(29))) {
            missedSlot = missedSlot.minusHours(1);
        }

        var started = lifeboat.post("/api/targets/killed/backups", null);
        assertEquals(202, started.status(), started.body());
        long runId = started.json().getJsonNumber("id").longValue();
        Api.awaitRun(lifeboat, runId, r -> Api.bytesRead(r) > 0, Duration.ofSeconds(60), "bytes read");
        lifeboat.kill();
        Instant killed = Instant.now();

        try (var c = lifeboat.catalog(); var statement = c.createStatement()) {
            var rows = statement.executeQuery("select status, instance from runs where id = " + runId);
            rows.next();
            assertEquals("RUNNING", rows.getString(1), "the kill came while the backup ran");
            // Lifeboat was down for the two hours in which the missed schedule had two slots
            statement.execute("update schedules set created_at = now() - interval '2 hours' where target = 'missed'");
        }
        leftByTheKill = files(Api.targetFolder(lifeboat, "killed"));
        // down for longer than the heartbeat timeout (30 s, the shortest allowed), like a real power cut
        Api.sleep(Math.max(0, Duration.between(Instant.now(), killed.plusSeconds(31)).toMillis()));
        lifeboat.boot();
        restarted = Instant.now();
        killedRun = Api.run(lifeboat, runId);
    }

    @AfterAll
    static void stop() {
        if (lifeboat != null) {
            lifeboat.stop();
        }
    }

    @Test
    @Order(1)
    void theKilledBackupIsFailedAndItsFilesRemoved() throws Exception {
        assertTrue(leftByTheKill.stream().anyMatch(f -> f.toString().endsWith(".partial")),
                "the kill left a partial upload: " + leftByTheKill);

        JsonObject run = Api.awaitEnd(lifeboat, killedRun.getJsonNumber("id").longValue(), Duration.ofSeconds(30));
        assertEquals("FAILED", run.getString("status"));
        String message = Api.message(run);
        assertTrue(message.contains("Lifeboat instance " + killedRun.getString("instance") + " stopped"), message);
        assertTrue(message.contains("partial files were removed"), message);
        assertEquals(List.of(), files(Api.targetFolder(lifeboat, "killed")), "nothing of the killed backup is left");
        assertEquals(List.of(), Api.backups(lifeboat, "killed"));
        assertTrue(Duration.between(restarted, Instant.now()).toSeconds() < 30, "ended soon after the restart");

        var next = lifeboat.post("/api/targets/killed/backups?wait=true", null);
        assertEquals(201, next.status(), next.body());
        assertEquals(1, Api.backups(lifeboat, "killed").size());
        JsonObject nextRun = Api.run(lifeboat, next.json().getJsonNumber("runId").longValue());
        assertEquals("SUCCEEDED", nextRun.getString("status"));
        assertTrue(Api.bytesRead(nextRun) > 150L * 1024 * 1024, nextRun.toString());
    }

    @Test
    @Order(2)
    void aScheduleMissedWhileDownRunsOnceAfterTheRestart() throws Exception {
        List<JsonObject> runs = awaitRuns("missed", Duration.ofSeconds(75));
        JsonObject run = Api.awaitEnd(lifeboat, runs.get(0).getJsonNumber("id").longValue(), Duration.ofSeconds(60));
        assertEquals("CATCH_UP", run.getString("trigger"), run.toString());
        assertEquals("SUCCEEDED", run.getString("status"), run.toString());

        // let at least one more tick pass: it must not fire the missed slots again
        Instant nextTick = restarted.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofSeconds(65));
        Api.sleep(Math.max(0, Duration.between(Instant.now(), nextTick).toMillis()));
        assertEquals(1, Api.runs(lifeboat, "missed").size(), "one catch-up run for two missed slots");
        try (var c = lifeboat.catalog(); var statement = c.createStatement();
             var rows = statement.executeQuery("select c.slot from schedule_claims c join schedules s "
                     + "on s.id = c.schedule_id where s.target = 'missed'")) {
            assertTrue(rows.next(), "the slot was claimed");
            assertEquals(missedSlot.toInstant(), rows.getObject(1, OffsetDateTime.class).toInstant(),
                    "the latest missed slot is the one claimed");
            assertFalse(rows.next(), "only one slot was claimed");
        }
    }

    static List<JsonObject> awaitRuns(String target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonObject> runs = Api.runs(lifeboat, target);
        while (runs.isEmpty() && System.nanoTime() < deadline) {
            Api.sleep(250);
            runs = Api.runs(lifeboat, target);
        }
        assertFalse(runs.isEmpty(), "no run of " + target + " within " + timeout);
        return runs;
    }

    static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
