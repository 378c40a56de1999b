package io.lifeboat.it;

import io.lifeboat.runs.control.Runs;
import io.lifeboat.schedules.control.Schedules;
import io.lifeboat.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The catalog statements that make work happen once however many Lifeboat instances ask at the same moment:
 * the claim of a schedule's slot and the opening of a target's backup run, raced by eight connections.
 */
class CatalogClaimsTest {

    private static final int CONTENDERS = 8;

    static TestDatabase db;
    static String catalog;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.get();
        catalog = db.createDatabase("catalog");
        Flyway.configure().dataSource(db.jdbcUrl(catalog), db.superuser(), db.password())
                .locations("classpath:db/migration").load().migrate();
        db.execute(catalog, """
                insert into destinations (name, kind, location) values ('local', 'LOCAL', '/nowhere');
                insert into targets (name, host, port, database_name, username, secret_alias)
                values ('crm', '127.0.0.1', 5432, 'crm', 'crm', 'target-crm'),
                       ('bot', '127.0.0.1', 5432, 'bot', 'bot', 'target-bot');
                insert into target_destinations (target, destination, position)
                values ('crm', 'local', 0), ('bot', 'local', 0);
                insert into schedules (target, cron) values ('crm', '* * * * *');
                """);
    }

    /** One contender's statement on its own connection; returns the rows it inserted. */
    interface Statement {
        int run(Connection c, int contender) throws SQLException;
    }

    /** Runs the statement on every contender's connection at the same moment; returns the rows each inserted. */
    static List<Integer> race(Statement statement) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        try {
            var ready = new CountDownLatch(CONTENDERS);
            var go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                int contender = i;
                results.add(pool.submit(() -> {
                    try (Connection c = db.connect(catalog)) {
                        ready.countDown();
                        go.await();
                        return statement.run(c, contender);
                    }
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<Integer> inserted = new ArrayList<>();
            for (var result : results) {
                inserted.add(result.get(30, TimeUnit.SECONDS));
            }
            return inserted;
        } finally {
            pool.shutdownNow();
        }
    }

    static long count(String sql) throws SQLException {
        try (Connection c = db.connect(catalog); var rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aSlotIsClaimedByExactlyOneOfEightInstances() throws Exception {
        long schedule = count("select id from schedules where target = 'crm'");
        OffsetDateTime first = OffsetDateTime.of(2025, 1, 14, 2, 0, 0, 0, ZoneOffset.UTC);
        for (int minute = 0; minute < 5; minute++) {
            OffsetDateTime slot = first.plusMinutes(minute);
            List<Integer> inserted = race((c, contender) -> {
                try (var claim = c.prepareStatement(Schedules.CLAIM)) {
                    claim.setLong(1, schedule);
                    claim.setObject(2, slot);
                    claim.setString(3, "instance-" + contender);
                    return claim.executeUpdate();
                }
            });
            assertEquals(1, inserted.stream().filter(n -> n == 1).count(), "slot " + slot + ": " + inserted);
            assertEquals(CONTENDERS - 1, inserted.stream().filter(n -> n == 0).count(), inserted.toString());
        }
        assertEquals(5, count("select count(*) from schedule_claims"), "one claim per slot");
    }

    @Test
    void oneBackupOfATargetRunsAtATimeWhoeverAsks() throws Exception {
        List<Integer> opened = race((c, contender) -> {
            try (var open = c.prepareStatement(Runs.OPEN_BACKUP)) {
                open.setString(1, "bot");
                open.setString(2, "SCHEDULE");
                open.setString(3, "scheduler");
                open.setString(4, "instance-" + contender);
                open.setString(5, "20250114T020000Z-00000" + contender);
                open.setString(6, "bot/2025/01/20250114T020000Z-00000" + contender + "/");
                int rows = 0;
                try (var ids = open.executeQuery()) {
                    while (ids.next()) {
                        rows++;
                    }
                }
                return rows;
            }
        });
        assertEquals(1, opened.stream().filter(n -> n == 1).count(), opened.toString());
        assertEquals(1, count("select count(*) from runs where target = 'bot'"), "exactly one run was inserted");

        db.execute(catalog, "update runs set status = 'SUCCEEDED' where target = 'bot'");
        List<Integer> next = race((c, contender) -> {
            try (var open = c.prepareStatement(Runs.OPEN_BACKUP)) {
                open.setString(1, "bot");
                open.setString(2, "API");
                open.setString(3, "ops");
                open.setString(4, "instance-" + contender);
                open.setString(5, "20250114T030000Z-00000" + contender);
                open.setString(6, "bot/2025/01/20250114T030000Z-00000" + contender + "/");
                try (var ids = open.executeQuery()) {
                    return ids.next() ? 1 : 0;
                }
            }
        });
        assertEquals(1, next.stream().filter(n -> n == 1).count(), "after the first ended, one more: " + next);
        assertEquals(1, count("select count(*) from runs where target = 'bot' and status = 'RUNNING'"));
    }
}
