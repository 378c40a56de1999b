package io.lifeboat.it;

import io.lifeboat.testing.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler of a running Lifeboat: each slot of a schedule is claimed once and starts one backup, on time. */
class SchedulesIT {

    static LifeboatServer lifeboat;
    static TestDatabase db;

    @BeforeAll
    static void start() {
        lifeboat = LifeboatServer.shared();
        db = TestDatabase.get();
    }

    @Test
    void aScheduleFiresOncePerSlot() throws Exception {
        String database = db.createDatabase("minutely");
        db.execute(database, "CREATE TABLE ticks (id integer PRIMARY KEY); INSERT INTO ticks VALUES (1), (2), (3)");
        Api.createTarget(lifeboat, db, "minutely", database,
                ", \"schedule\": {\"cron\": \"* * * * *\", \"zone\": \"UTC\"}");

        long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
        List<JsonObject> runs = Api.runs(lifeboat, "minutely");
        while (runs.isEmpty() && System.nanoTime() < deadline) {
            Api.sleep(250);
            runs = Api.runs(lifeboat, "minutely");
        }
        assertFalse(runs.isEmpty(), "the schedule started no backup within one tick");
        JsonObject first = Api.awaitEnd(lifeboat, runs.get(0).getJsonNumber("id").longValue(), Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", first.getString("status"), first.toString());

        // count away from a minute boundary, so that no tick claims a slot between the two counts
        int second = LocalTime.now(ZoneOffset.UTC).getSecond();
        if (second >= 55 || second < 3) {
            Api.sleep(((63 - second) % 60) * 1000L);
        }
        runs = new ArrayList<>(Api.runs(lifeboat, "minutely"));
        List<OffsetDateTime> slots = claimedSlots("minutely");
        JsonObject schedule = lifeboat.get("/api/targets/minutely").json().getJsonArray("schedules").getJsonObject(0);

        runs.sort(Comparator.comparingLong(r -> r.getJsonNumber("id").longValue()));
        assertEquals(slots.size(), runs.size(), "one run per claimed slot: " + slots + " " + runs);
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.get(i);
            assertEquals("SCHEDULE", run.getString("trigger"), run.toString());
            assertEquals("scheduler", run.getString("initiator"));
            OffsetDateTime started = OffsetDateTime.parse(run.getString("startedAt"));
            assertEquals(slots.get(i).toInstant(), started.truncatedTo(ChronoUnit.MINUTES).toInstant(),
                    "run " + run.getJsonNumber("id") + " started in the minute of its slot");
        }
        assertEquals(slots.get(slots.size() - 1).toInstant(),
                OffsetDateTime.parse(schedule.getString("lastSlot")).toInstant(), "the schedule knows its last slot");

        var unscheduled = lifeboat.put("/api/targets/minutely", Api.targetJson(db, "minutely", database,
                db.password(), ", \"schedule\": {\"cron\": \"\"}"));
        assertEquals(200, unscheduled.status(), unscheduled.body());
        assertTrue(unscheduled.json().getJsonArray("schedules").isEmpty(), unscheduled.body());
    }

    static List<OffsetDateTime> claimedSlots(String target) throws SQLException {
        List<OffsetDateTime> slots = new ArrayList<>();
        try (var c = lifeboat.catalog(); var claims = c.prepareStatement("select c.slot from schedule_claims c "
                + "join schedules s on s.id = c.schedule_id where s.target = ? order by c.slot")) {
            claims.setString(1, target);
            try (var rows = claims.executeQuery()) {
                while (rows.next()) {
                    slots.add(rows.getObject(1, OffsetDateTime.class));
                }
            }
        }
        return slots;
    }
}
