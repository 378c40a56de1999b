package io.lifeboat.it;

import io.lifeboat.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** What the integration tests do through Lifeboat's API again and again: targets, runs, backup folders. */
final class Api {

    private Api() {
    }

    /** A target on the test cluster; {@code extra} is more JSON members (with a leading comma) or "". */
    static String targetJson(TestDatabase db, String name, String database, String password, String extra) {
        return """
                {"name": "%s", "host": "127.0.0.1", "port": %d, "database": "%s", "user": "%s", "password": "%s"%s}
                """.formatted(name, db.port(), database, db.superuser(), password, extra);
    }

    static void createTarget(LifeboatServer lifeboat, String json) {
        var created = lifeboat.post("/api/targets", json);
        assertEquals(201, created.status(), created.body());
    }

    static void createTarget(LifeboatServer lifeboat, TestDatabase db, String name, String database, String extra) {
        createTarget(lifeboat, targetJson(db, name, database, db.password(), extra));
    }

    static JsonObject run(LifeboatServer lifeboat, long id) {
        var run = lifeboat.get("/api/runs/" + id);
        assertEquals(200, run.status(), run.body());
        return run.json();
    }

    /** Polls the run until the condition holds; fails with the run's last state after the timeout. */
    static JsonObject awaitRun(LifeboatServer lifeboat, long id, Predicate<JsonObject> condition, Duration timeout,
                               String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject run = run(lifeboat, id);
        while (!condition.test(run)) {
            if (System.nanoTime() > deadline) {
                fail("Run " + id + " did not get " + what + " within " + timeout + ": " + run);
            }
            sleep(100);
            run = run(lifeboat, id);
        }
        return run;
    }

    static JsonObject awaitEnd(LifeboatServer lifeboat, long id, Duration timeout) {
        return awaitRun(lifeboat, id, r -> !r.getString("status").equals("RUNNING"), timeout, "to an end");
    }

    static List<JsonObject> runs(LifeboatServer lifeboat, String target) {
        var runs = lifeboat.get("/api/runs?target=" + target);
        assertEquals(200, runs.status(), runs.body());
        return runs.array().getValuesAs(JsonObject.class);
    }

    static List<JsonObject> backups(LifeboatServer lifeboat, String target) {
        var backups = lifeboat.get("/api/targets/" + target + "/backups");
        assertEquals(200, backups.status(), backups.body());
        return backups.array().getValuesAs(JsonObject.class);
    }

    static long bytesRead(JsonObject run) {
        return run.getJsonObject("progress").getJsonNumber("bytesRead").longValue();
    }

    static String message(JsonObject run) {
        return run.get("message") == null || run.get("message").getValueType() == JsonValue.ValueType.NULL
                ? "" : run.getString("message");
    }

    /** The folder of a target's backups in the local destination. */
    static Path targetFolder(LifeboatServer lifeboat, String target) {
        return lifeboat.data().resolve("backups").resolve(target);
    }

    /** The folder of a listed backup in the local destination. */
    static Path folder(LifeboatServer lifeboat, JsonObject backup) {
        return lifeboat.data().resolve("backups").resolve(backup.getString("folder"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
