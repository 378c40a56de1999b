package io.lifeboat.it;

import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Databases the integration tests back up, and the facts about them a test compares with Lifeboat's. */
final class SampleDatabases {

    private SampleDatabases() {
    }

    /** A new database filled from fixtures/rich.sql (many kinds of objects, a few hundred rows). */
    static String rich(TestDatabase db) {
        return ClientTools.richDatabase(db, "rich");
    }

    /** A new database with one table of incompressible bytes, so that dumping it takes a moment. */
    static String randomBytes(TestDatabase db, String prefix, int megabytes) {
        String name = db.createDatabase(prefix);
        db.execute(name, """
                CREATE EXTENSION pgcrypto;
                CREATE TABLE blobs (id integer PRIMARY KEY, payload bytea);
                ALTER TABLE blobs ALTER COLUMN payload SET STORAGE EXTERNAL;
                INSERT INTO blobs SELECT g, (SELECT string_agg(gen_random_bytes(1024), ''::bytea)
                                             FROM generate_series(1, 1024) WHERE g > 0)
                FROM generate_series(1, %d) g;
                """.formatted(megabytes));
        return name;
    }

    /** Rows of every table and partitioned table, counted here, keyed "schema.table". */
    static Map<String, Long> rowCounts(TestDatabase db, String database) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.connect(database); var statement = c.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (var rows = statement.executeQuery("select n.nspname, c.relname, c.relkind from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') "
                    + "and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'")) {
                while (rows.next()) {
                    tables.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            for (String[] t : tables) {
                String only = t[2].equals("r") ? "only " : "";
                try (var rows = statement.executeQuery("select count(*) from " + only + quote(t[0]) + "." + quote(t[1]))) {
                    rows.next();
                    counts.put(t[0] + "." + t[1], rows.getLong(1));
                }
            }
        }
        return counts;
    }

    static boolean exists(TestDatabase db, String database) throws SQLException {
        try (Connection c = db.connect("postgres");
             var statement = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, database);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
