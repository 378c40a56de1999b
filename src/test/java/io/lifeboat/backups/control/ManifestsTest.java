package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.backups.entity.Trigger;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestsTest {

    static Manifest sample() {
        return new Manifest(1, "20250114T020000Z-a1b2c3", "crm", "crm_prod", 16384, "7301234567890123456",
                "15.4", "pg_dump (PostgreSQL) 15.4", BackupFormat.CUSTOM_ZSTD, "zstd-3", List.of(),
                List.of(new Manifest.Artifact("dump.pgc.zst", 1234, "ab".repeat(32))),
                List.of(new Manifest.TableRows("public", "orders", 25)), "cd".repeat(32), Trigger.SCHEDULE,
                "scheduler", Instant.parse("2025-01-14T02:00:00.123Z"), Instant.parse("2025-01-14T02:00:09Z"));
    }

    @Test
    void roundTripsAndIsReadableJson() throws IOException {
        var out = new ByteArrayOutputStream();
        Manifests.write(sample(), out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"startedAt\": \"2025-01-14T02:00:00.123Z\""), json);
        assertTrue(json.contains("\"format\": \"CUSTOM_ZSTD\""), json);
        assertTrue(json.lines().count() > 20, "pretty-printed");
        assertEquals(sample(), Manifests.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void refusesSomethingElse() {
        var e = assertThrows(IOException.class,
                () -> Manifests.read(new ByteArrayInputStream("{\"formatVersion\": ".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("not a readable Lifeboat manifest"), e.getMessage());
    }
}
