package io.lifeboat.backups.control;

import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassFileTest {

    @TempDir
    Path dir;

    @Test
    void escapesColonsAndBackslashesAndIsPrivate() throws Exception {
        var login = new DatabaseLogin("db.example", 5433, "crm:prod", "app", "p:a\\ss");
        try (PassFile file = PassFile.create(login, dir)) {
            assertEquals("db.example:5433:crm\\:prod:app:p\\:a\\\\ss\n", Files.readString(file.path()));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        }
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "the file is deleted on close");
        }
    }

    @Test
    void psqlLogsInWithAnAwkwardPasswordFromTheFile() throws Exception {
        TestDatabase db = TestDatabase.get();
        String password = "we:ird\\pass:";
        db.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'odd_login') "
                + "THEN CREATE ROLE odd_login LOGIN; END IF; END $$");
        db.execute("postgres", "ALTER ROLE odd_login PASSWORD '" + password.replace("'", "''") + "'");
        var login = new DatabaseLogin(db.host(), db.port(), "postgres", "odd_login", password);
        try (PassFile file = PassFile.create(login, dir)) {
            var builder = new ProcessBuilder(List.of("psql", "--no-password", "-h", db.host(), "-p",
                    Integer.toString(db.port()), "-U", "odd_login", "-d", "postgres", "-tAc", "select current_user"))
                    .redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", "wrong");
            Process psql = file.applyTo(builder).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(psql.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, psql.exitValue(), output);
            assertEquals("odd_login", output);
            assertFalse(builder.command().toString().contains(password));
        }
    }
}
