package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.Manifest.TableRows;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSnapshotTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestDatabase db;
    private static String database;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.get();
        database = db.createDatabase("snapshot");
        db.execute(database, """
                create schema sales;
                create table sales.orders (id int primary key, total numeric(10,2));
                insert into sales.orders select g, g from generate_series(1, 25) g;
                create table "Odd ""Name""\" (v text);
                insert into "Odd ""Name""\" values ('a'), ('b');
                create table events (at date not null, what text) partition by range (at);
                create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
                insert into events values ('2025-03-01', 'x'), ('2025-04-01', 'y'), ('2025-05-01', 'z');
                """);
    }

    private static DatabaseLogin login(String databaseName, String password) {
        return new DatabaseLogin(db.host(), db.port(), databaseName, db.superuser(), password);
    }

    @Test
    void readsIdentityAndCountsRowsInTheExportedSnapshot() throws Exception {
        try (var snapshot = DatabaseSnapshot.open(login(database, db.password()), TIMEOUT)) {
            db.execute(database, "insert into sales.orders values (1000, 1)");

            assertEquals(15, snapshot.serverMajor());
            assertTrue(snapshot.serverVersion().startsWith("15."), snapshot.serverVersion());
            assertTrue(snapshot.snapshotId().matches("[0-9A-F]+-[0-9A-F]+-\\d+"), snapshot.snapshotId());
            try (var c = db.connect(database); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("select (select oid from pg_database where datname = current_database()),"
                         + " (select system_identifier::text from pg_control_system())")) {
                rs.next();
                assertEquals(rs.getLong(1), snapshot.databaseOid());
                assertEquals(rs.getString(2), snapshot.systemIdentifier());
            }
            var tablesDone = new AtomicInteger();
            List<TableRows> rows = snapshot.countRows(tablesDone::incrementAndGet);
            assertEquals(List.of(
                    new TableRows("public", "Odd \"Name\"", 2),
                    new TableRows("public", "events", 3),
                    new TableRows("public", "events_2025", 3),
                    new TableRows("sales", "orders", 25)), rows, "the row inserted after the export is not counted");
            assertEquals(4, tablesDone.get());
        }
    }

    @Test
    void rowsKnownFromTheDumpAreTakenAsTheyAreAndAPartitionedTableSumsItsPartitions() throws Exception {
        try (var snapshot = DatabaseSnapshot.open(login(database, db.password()), TIMEOUT)) {
            // numbers the tables do not hold, so that a count in the database would show
            Map<String, Long> known = Map.of("public.events_2025", 7L, "sales.orders", 11L);

            List<TableRows> rows = snapshot.countRows(() -> { },
                    (schema, table) -> known.containsKey(schema + "." + table)
                            ? OptionalLong.of(known.get(schema + "." + table)) : OptionalLong.empty());

            assertEquals(List.of(
                    new TableRows("public", "Odd \"Name\"", 2),
                    new TableRows("public", "events", 7),
                    new TableRows("public", "events_2025", 7),
                    new TableRows("sales", "orders", 11)), rows, "unknown tables are counted in the database");
        }
    }

    @Test
    void anExtensionsTableIsCountedInTheDatabaseWhateverTheDumpHolds() throws Exception {
        String withExtension = db.createDatabase("snapshot_extension");
        db.execute(withExtension, """
                create extension pgcrypto;
                create table settings (k text, v text);
                insert into settings values ('a', '1'), ('b', '2'), ('c', '3'), ('d', '4');
                alter extension pgcrypto add table settings;
                create table own (k text);
                insert into own values ('x');
                """);
        try (var snapshot = DatabaseSnapshot.open(login(withExtension, db.password()), TIMEOUT)) {
            List<TableRows> rows = snapshot.countRows(() -> { }, (schema, table) -> OptionalLong.of(1));

            assertEquals(List.of(new TableRows("public", "own", 1), new TableRows("public", "settings", 4)), rows,
                    "a dump holds only the rows of an extension's table that its script does not create");
        }
    }

    @Test
    void aPartitionedTableWithAPartitionOfUnknownRowsIsCountedInTheDatabase() throws Exception {
        try (var snapshot = DatabaseSnapshot.open(login(database, db.password()), TIMEOUT)) {
            List<TableRows> rows = snapshot.countRows(() -> { },
                    (schema, table) -> table.equals("orders") ? OptionalLong.of(11) : OptionalLong.empty());

            assertEquals(new TableRows("public", "events", 3), rows.get(1));
            assertEquals(new TableRows("sales", "orders", 11), rows.get(3));
        }
    }

    @Test
    void schemaFingerprintFollowsColumnsAndTypes() throws Exception {
        String other = db.createDatabase("fingerprint");
        db.execute(other, "create table t (a int, b text)");
        String before;
        try (var snapshot = DatabaseSnapshot.open(login(other, db.password()), TIMEOUT)) {
            before = snapshot.schemaFingerprint();
            assertTrue(before.matches("[0-9a-f]{64}"), before);
        }
        try (var again = DatabaseSnapshot.open(login(other, db.password()), TIMEOUT)) {
            assertEquals(before, again.schemaFingerprint());
        }
        db.execute(other, "alter table t alter column a type bigint");
        try (var changed = DatabaseSnapshot.open(login(other, db.password()), TIMEOUT)) {
            assertNotEquals(before, changed.schemaFingerprint());
        }
    }

    @Test
    void wrongPasswordSaysToCheckThePassword() {
        var e = assertThrows(BackupFailedException.class,
                () -> DatabaseSnapshot.open(login(database, "not-the-password"), TIMEOUT));
        assertEquals("PostgreSQL refused the password for user " + db.superuser() + " on " + db.host() + ":"
                + db.port() + "/" + database + ": check the target's password", e.getMessage());
        assertTrue(!e.getMessage().contains(db.password()));
    }

    @Test
    void unreachablePortSaysToCheckHostPortAndFirewall() {
        int nothingListens = TestDatabase.freePort();
        var login = new DatabaseLogin(db.host(), nothingListens, database, db.superuser(), db.password());
        var e = assertThrows(BackupFailedException.class, () -> DatabaseSnapshot.open(login, TIMEOUT));
        assertTrue(e.getMessage().startsWith("Could not reach PostgreSQL at " + db.host() + ":" + nothingListens
                + ": check the host, port and firewall"), e.getMessage());
    }

    @Test
    void missingDatabaseIsNamed() {
        var e = assertThrows(BackupFailedException.class,
                () -> DatabaseSnapshot.open(login("no_such_db", db.password()), TIMEOUT));
        assertEquals("The database no_such_db does not exist on " + db.host() + ":" + db.port()
                + ": check the target's database name", e.getMessage());
    }
}
