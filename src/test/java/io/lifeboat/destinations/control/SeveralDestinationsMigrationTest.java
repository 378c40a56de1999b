package io.lifeboat.destinations.control;

import io.lifeboat.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each target's and backup's single destination becomes its first one, and the old columns go. */
class SeveralDestinationsMigrationTest {

    @Test
    void theSingleDestinationBecomesPositionZero() throws SQLException {
        var db = TestDatabase.get();
        String name = db.createDatabase("fanout_migration");
        migrate(db, name, "2");
        db.execute(name, """
                insert into destinations (name, kind, location) values ('local', 'LOCAL', '/srv/backups');
                insert into destinations (name, kind, location) values ('offsite', 'S3',
                    's3://bucket/prefix?accessKeyAlias=a&secretKeyAlias=s');
                insert into targets (name, host, port, database_name, username, secret_alias, destination)
                    values ('crm', 'localhost', 5432, 'crm', 'crm', 'target-crm', 'local'),
                           ('shop', 'localhost', 5432, 'shop', 'shop', 'target-shop', 'offsite');
                insert into backups (id, target, destination, folder, format, size_bytes, sha256, started_at,
                                     finished_at, trigger, initiator, manifest)
                    values ('20260101T020000Z-aaaaaa', 'crm', 'local', 'crm/2026/01/20260101T020000Z-aaaaaa/',
                            'CUSTOM_ZSTD', 10, 'ab', now(), now(), 'SCHEDULE', 'lifeboat', '{}');
                """);

        migrate(db, name, "3");

        assertEquals(List.of("crm local 0", "shop offsite 0"),
                rows(db, name, "select target || ' ' || destination || ' ' || position from target_destinations order by 1"));
        assertEquals(List.of("20260101T020000Z-aaaaaa local 0 COMPLETE"), rows(db, name,
                "select backup || ' ' || destination || ' ' || position || ' ' || status from backup_copies"));
        assertEquals(List.of(), rows(db, name, "select column_name from information_schema.columns "
                + "where table_name in ('targets', 'backups') and column_name = 'destination'"));
        assertThrows(RuntimeException.class, () -> db.execute(name,
                "insert into backup_copies (backup, destination, position, status) "
                        + "values ('20260101T020000Z-aaaaaa', 'offsite', 1, 'LOST')"));
        assertThrows(RuntimeException.class, () -> db.execute(name,
                "insert into target_destinations (target, destination, position) values ('crm', 'nowhere', 1)"));
        db.execute(name, "delete from backups");
        assertEquals(List.of(), rows(db, name, "select backup from backup_copies"));
    }

    private static void migrate(TestDatabase db, String name, String version) {
        Flyway.configure(SeveralDestinationsMigrationTest.class.getClassLoader())
                .dataSource(db.jdbcUrl(name), TestDatabase.SUPERUSER, db.password())
                .locations("classpath:db/migration").target(MigrationVersion.fromVersion(version)).load().migrate();
    }

    private static List<String> rows(TestDatabase db, String name, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (var connection = db.connect(name); var rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }
}
