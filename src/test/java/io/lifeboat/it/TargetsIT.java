package io.lifeboat.it;

import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsIT {

    static LifeboatServer lifeboat;
    static TestDatabase db;

    @BeforeAll
    static void start() {
        lifeboat = LifeboatServer.shared();
        db = TestDatabase.get();
    }

    static String targetJson(String name, String database, String password) {
        return """
                {"name": "%s", "host": "127.0.0.1", "port": %d, "database": "%s", "user": "%s", "password": "%s"}
                """.formatted(name, db.port(), database, db.superuser(), password);
    }

    @Test
    void nothingButHealthIsAnonymous() {
        assertEquals(401, lifeboat.send("GET", "/api/targets", null, null).status());
        assertEquals(401, lifeboat.send("GET", "/api/targets", null, "not-a-token").status());
        var health = lifeboat.send("GET", "/health/ready", null, null);
        assertEquals(200, health.status(), health.body());
    }

    @Test
    void theFirstAdminTokenIsPrivateAndNeverLogged() throws Exception {
        var file = lifeboat.data().resolve("admin-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String log = lifeboat.logText();
        assertTrue(log.contains(file.toString()), "the log names the token file");
        assertFalse(log.contains(lifeboat.adminToken()), "the log must not contain the token");
        String catalogPassword = Files.readString(lifeboat.data().resolve("catalog/password")).strip();
        assertFalse(log.contains(catalogPassword), "the log must not contain the catalog password");
    }

    @Test
    void theDemoTargetIsThereAndScheduledNightly() {
        var demo = lifeboat.get("/api/targets/demo");
        assertEquals(200, demo.status(), demo.body());
        var schedule = demo.json().getJsonArray("schedules").getJsonObject(0);
        assertEquals("0 2 * * *", schedule.getString("cron"));
        assertTrue(schedule.getString("next").endsWith("T02:00:00Z"), schedule.toString());
    }

    @Test
    void aTargetIsCreatedTestedAndNeverShowsItsPassword() {
        String database = db.createDatabase("crm");
        var created = lifeboat.post("/api/targets", targetJson("crm-it", database, db.password()));
        assertEquals(201, created.status(), created.body());
        assertFalse(created.body().contains(db.password()));
        assertEquals("target-crm-it", created.json().getString("passwordAlias"));

        var test = lifeboat.post("/api/targets/crm-it/test", null);
        assertEquals(200, test.status(), test.body());
        assertTrue(test.json().getBoolean("ok"), test.body());
        assertTrue(test.json().getString("serverVersion").startsWith("15"), test.body());

        var listed = lifeboat.get("/api/targets");
        assertFalse(listed.body().contains(db.password()));
        assertFalse(lifeboat.logText().contains(db.password()), "the log must not contain a target password");
    }

    @Test
    void aWrongPasswordIsExplained() {
        String database = db.createDatabase("wrongpw");
        assertEquals(201, lifeboat.post("/api/targets", targetJson("wrong-pw", database, "not-the-password")).status());
        var test = lifeboat.post("/api/targets/wrong-pw/test", null);
        assertFalse(test.json().getBoolean("ok"), test.body());
        assertTrue(test.json().getString("message").contains("refused the password"), test.body());
    }

    @Test
    void badRequestsGetProblemDetails() {
        var invalid = lifeboat.post("/api/targets", """
                {"name": "Bad Name!", "host": "h", "database": "d", "user": "u", "password": "p"}""");
        assertEquals(400, invalid.status());
        assertTrue(invalid.contentType().startsWith("application/problem+json"), invalid.contentType());
        assertTrue(invalid.json().getString("detail").contains("lower-case"), invalid.body());

        var missing = lifeboat.get("/api/targets/does-not-exist");
        assertEquals(404, missing.status());
        assertEquals("Target not found", missing.json().getString("title"));

        var schedule = lifeboat.post("/api/targets", """
                {"name": "bad-cron", "host": "h", "database": "d", "user": "u", "password": "p",
                 "schedule": {"cron": "every night", "zone": "UTC"}}""");
        assertEquals(400, schedule.status(), schedule.body());
        assertTrue(schedule.json().getString("detail").contains("0 2 * * *"), schedule.body());
        assertEquals(404, lifeboat.get("/api/targets/bad-cron").status(), "a rejected target is not half-created");
    }
}
