package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.BackupFormat;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupKeysTest {

    @Test
    void foldersFollowTheUtcMonthOfTheStart() {
        var keys = new BackupKeys("crm", "20250201T003000Z-abcdef", Instant.parse("2025-01-31T23:30:00-01:00"));
        assertEquals("crm/2025/02/20250201T003000Z-abcdef/", keys.folder());
        assertEquals("crm/2025/02/20250201T003000Z-abcdef/dump.pgc.zst", keys.artifact(BackupFormat.CUSTOM_ZSTD));
        assertEquals("crm/2025/02/20250201T003000Z-abcdef/dump.sql.gz", keys.artifact(BackupFormat.PLAIN_GZIP));
        assertEquals("crm/2025/02/20250201T003000Z-abcdef/manifest.json", keys.manifest());
    }

    @Test
    void newIdsSortByTime() {
        String id = BackupKeys.newBackupId(Instant.parse("2025-01-14T02:00:00.789Z"));
        assertTrue(id.matches("20250114T020000Z-[0-9a-f]{6}"), id);
    }

    @Test
    void namesThatCouldLeaveTheFolderAreRefused() {
        for (String bad : new String[]{"..", "a/b", "", "-x", "a..b", "crm prod"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new BackupKeys(bad, "id", Instant.EPOCH), bad);
            assertTrue(e.getMessage().contains("cannot name a folder"), e.getMessage());
        }
    }
}
