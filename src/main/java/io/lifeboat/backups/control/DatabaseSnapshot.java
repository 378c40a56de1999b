package io.lifeboat.backups.control;

import io.lifeboat.Sha256;
import io.lifeboat.backups.entity.Manifest.TableRows;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A REPEATABLE READ, READ ONLY transaction whose snapshot is exported for pg_dump ({@code --snapshot}),
 * so the facts read here (row counts, schema fingerprint, identity) describe exactly what was dumped.
 * Row counting may run on another thread while pg_dump works; {@link #close()} cancels it.
 */
public final class DatabaseSnapshot implements AutoCloseable {

    private static final String TABLES = """
            select n.nspname, c.relname, c.relkind,
              exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                        and d.deptype = 'e')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'
            order by 1, 2""";
    private static final String PARTITIONS = """
            with recursive tree(root, relid) as (
              select c.oid, c.oid from pg_class c where c.relkind = 'p'
              union all
              select t.root, i.inhrelid from tree t join pg_inherits i on i.inhparent = t.relid)
            select rn.nspname, r.relname, pn.nspname, p.relname, p.relkind
            from tree t join pg_class r on r.oid = t.root join pg_namespace rn on rn.oid = r.relnamespace
              join pg_class p on p.oid = t.relid join pg_namespace pn on pn.oid = p.relnamespace
            where t.relid <> t.root""";
    private static final String COLUMNS = """
            select n.nspname || '.' || c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'
              and a.attnum > 0 and not a.attisdropped""";

    private final DatabaseLogin login;
    private final Connection connection;
    private final ReentrantLock counting = new ReentrantLock();
    private volatile Statement running;
    private volatile boolean closed;

    private String snapshotId;
    private int serverMajor;
    private String serverVersion;
    private String systemIdentifier;
    private long databaseOid;
    private String schemaFingerprint;

    private DatabaseSnapshot(DatabaseLogin login, Connection connection) {
        this.login = login;
        this.connection = connection;
    }

    /** Connects, starts the transaction, exports its snapshot and reads the database's identity and schema. */
    public static DatabaseSnapshot open(DatabaseLogin login, Duration connectTimeout) throws BackupFailedException {
        Connection connection = DatabaseConnections.open(login, connectTimeout, "lifeboat snapshot");
        var snapshot = new DatabaseSnapshot(login, connection);
        try {
            snapshot.begin();
            return snapshot;
        } catch (SQLException e) {
            snapshot.close();
            throw new BackupFailedException("Could not take a snapshot of " + login + ": " + e.getMessage()
                    + ". Check that the user may read the database", e);
        }
    }

    private void begin() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set transaction isolation level repeatable read, read only");
            try (ResultSet rs = statement.executeQuery("select pg_export_snapshot(), current_setting('server_version'),"
                    + " current_setting('server_version_num')::int / 10000,"
                    + " (select oid from pg_database where datname = current_database()),"
                    + " has_function_privilege('pg_catalog.pg_control_system()', 'execute')")) {
                rs.next();
                snapshotId = rs.getString(1);
                serverVersion = rs.getString(2);
                serverMajor = rs.getInt(3);
                databaseOid = rs.getLong(4);
                systemIdentifier = rs.getBoolean(5) ? systemIdentifier(statement) : "unknown";
            }
            schemaFingerprint = fingerprint(statement);
        }
    }

    private static String systemIdentifier(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select system_identifier::text from pg_control_system()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String fingerprint(Statement statement) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(COLUMNS)) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        columns.sort(null);
        MessageDigest sha256 = Sha256.digest();
        for (String column : columns) {
            sha256.update((column + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(sha256);
    }

    /** Rows of a table that are known without counting them, or empty. */
    @FunctionalInterface
    public interface KnownRows {
        OptionalLong rows(String schema, String table);
    }

    /**
     * Counts the rows of every table inside the snapshot, calling {@code afterEachTable} after each one
     * (progress for a watchdog). Fails when the snapshot is closed meanwhile.
     */
    public List<TableRows> countRows(Runnable afterEachTable) throws BackupFailedException {
        return countRows(afterEachTable, (schema, table) -> OptionalLong.empty());
    }

    /**
     * The rows of every table: as {@code known} gives them (a partitioned table: the sum of its partitions when all
     * of them are known), the others counted inside the snapshot. An extension's tables are always counted: the
     * archive holds at most the rows that the extension's script does not create.
     */
    public List<TableRows> countRows(Runnable afterEachTable, KnownRows known) throws BackupFailedException {
        counting.lock();
        try (Statement statement = connection.createStatement()) {
            running = statement;
            List<TableRows> tables = new ArrayList<>();
            List<Table> all = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(TABLES)) {
                while (rs.next()) {
                    all.add(new Table(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
            Map<List<String>, List<Table>> partitions = partitions(statement);
            for (Table table : all) {
                if (closed) {
                    throw new BackupFailedException("Row counting in " + login + " was stopped");
                }
                OptionalLong rows = table.extensionOwned() ? OptionalLong.empty()
                        : table.partitioned() ? sum(partitions.getOrDefault(table.key(), List.of()), known)
                        : known.rows(table.schema(), table.name());
                tables.add(new TableRows(table.schema(), table.name(), rows.isPresent() ? rows.getAsLong()
                        : count(statement, table)));
                afterEachTable.run();
            }
            return tables;
        } catch (SQLException e) {
            throw new BackupFailedException(closed ? "Row counting in " + login + " was stopped"
                    : "Could not count the rows of " + login + ": " + e.getMessage()
                            + ". Check that the user may read every table", e);
        } finally {
            running = null;
            counting.unlock();
        }
    }

    /**
     * A table, ordinary ('r'), partitioned ('p') or foreign ('f'), and whether it is an extension's own: pg_dump
     * keeps at most the rows of such a table that the extension's script does not create.
     */
    private record Table(String schema, String name, String kind, boolean extensionOwned) {

        boolean partitioned() {
            return kind.equals("p");
        }

        List<String> key() {
            return List.of(schema, name);
        }
    }

    private static long count(Statement statement, Table table) throws SQLException {
        String only = table.partitioned() ? "" : "only "; // a partitioned table counts its partitions
        try (ResultSet rs = statement.executeQuery("select count(*) from " + only + quote(table.schema()) + "."
                + quote(table.name()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The tables below each partitioned table, by its schema and name. */
    private static Map<List<String>, List<Table>> partitions(Statement statement) throws SQLException {
        Map<List<String>, List<Table>> partitions = new HashMap<>();
        try (ResultSet rs = statement.executeQuery(PARTITIONS)) {
            while (rs.next()) {
                partitions.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), key -> new ArrayList<>())
                        .add(new Table(rs.getString(3), rs.getString(4), rs.getString(5), false));
            }
        }
        return partitions;
    }

    /** The sum of the partitions' rows when each ordinary one is known and none is foreign. */
    private static OptionalLong sum(List<Table> partitions, KnownRows known) {
        long sum = 0;
        for (Table partition : partitions) {
            if (!partition.partitioned()) {
                OptionalLong rows = partition.kind().equals("r") ? known.rows(partition.schema(), partition.name())
                        : OptionalLong.empty();
                if (rows.isEmpty()) {
                    return OptionalLong.empty();
                }
                sum += rows.getAsLong();
            }
        }
        return OptionalLong.of(sum);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** Major version, e.g. 15. */
    public int serverMajor() {
        return serverMajor;
    }

    /** server_version, e.g. "15.4 (Debian 15.4-1.pgdg120+1)". */
    public String serverVersion() {
        return serverVersion;
    }

    /** The cluster's system identifier, or "unknown" when the user may not call pg_control_system(). */
    public String systemIdentifier() {
        return systemIdentifier;
    }

    public long databaseOid() {
        return databaseOid;
    }

    /** SHA-256 (hex) over the sorted {@code schema.table.column:type} lines of all user tables. */
    public String schemaFingerprint() {
        return schemaFingerprint;
    }

    /** Ends the transaction (and with it the snapshot), cancelling a row count that is still running. */
    @Override
    public void close() {
        closed = true;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!counting.tryLock(100, TimeUnit.MILLISECONDS)) {
                Statement statement = running;
                if (statement != null) {
                    statement.cancel();
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            if (counting.isHeldByCurrentThread()) {
                counting.unlock();
            }
        } catch (SQLException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the server ends the transaction when the connection goes
        }
    }
}
