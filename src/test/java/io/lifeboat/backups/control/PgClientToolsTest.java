package io.lifeboat.backups.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgClientToolsTest {

    @TempDir
    Path dir;

    /** A stand-in pg_dump that only prints its version: enough to test the choice. */
    private Path fakePgDump(String folder, String version) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(folder));
        Path script = bin.resolve("pg_dump");
        Files.writeString(script, "#!/bin/sh\necho 'pg_dump (PostgreSQL) " + version + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private PgClientTools fakes() throws IOException {
        return new PgClientTools(List.of(fakePgDump("v17", "17.2"), fakePgDump("v13", "13.9"),
                fakePgDump("v15", "15.4 (Debian 15.4-1)"), dir.resolve("missing")));
    }

    @Test
    void prefersTheExactMajor() throws Exception {
        PgClient client = fakes().forServer(15);
        assertEquals(15, client.major());
        assertEquals(dir.resolve("v15"), client.bin());
        assertEquals("pg_dump (PostgreSQL) 15.4 (Debian 15.4-1)", client.versionLine());
        assertEquals(dir.resolve("v15/pg_restore"), client.pgRestore());
    }

    @Test
    void otherwiseTakesTheSmallestNewerMajor() throws Exception {
        PgClientTools tools = fakes();
        assertEquals(15, tools.forServer(14).major());
        assertEquals(17, tools.forServer(16).major());
        assertEquals(13, tools.forServer(12).major());
    }

    @Test
    void neverAnOlderOneAndSaysWhatToInstall() throws Exception {
        var e = assertThrows(NoSuitableClientException.class, () -> fakes().forServer(18));
        String message = e.getMessage();
        assertTrue(message.contains("PostgreSQL 18 server"), message);
        assertTrue(message.contains("pg_dump 13 in " + dir.resolve("v13")), message);
        assertTrue(message.contains("pg_dump 17 in " + dir.resolve("v17")), message);
        assertTrue(message.contains("Install postgresql-client-18"), message);
        assertTrue(message.contains("lifeboat.tools.paths"), message);
    }

    @Test
    void saysWhereItLookedWhenNothingIsInstalled() {
        var e = assertThrows(NoSuitableClientException.class,
                () -> new PgClientTools(List.of(dir.resolve("nothing"))).forServer(15));
        assertTrue(e.getMessage().contains("no pg_dump was found in " + dir.resolve("nothing")), e.getMessage());
    }

    @Test
    void findsTheMachinesRealPgDump() throws Exception {
        PgClient client = PgClientTools.withDefaults(List.of()).forServer(15);
        assertEquals(15, client.major());
        assertTrue(client.versionLine().startsWith("pg_dump (PostgreSQL) 15."), client.versionLine());
        assertTrue(Files.isExecutable(client.pgRestore()));
        assertTrue(Files.isExecutable(client.psql()));
    }
}
