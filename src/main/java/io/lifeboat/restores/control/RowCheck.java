package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.restores.control.RestoreReport.TableCheck;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Counts, in the restored database, the rows of every table the manifest lists, on several connections at once
 * (as many as pg_restore had jobs), the largest tables first.
 */
final class RowCheck {

    private final DatabaseLogin restored;
    private final List<Manifest.TableRows> expected;
    private final TableCheck[] checks;
    private final int[] largestFirst;
    private final AtomicInteger next = new AtomicInteger();

    private RowCheck(DatabaseLogin restored, List<Manifest.TableRows> expected) {
        this.restored = restored;
        this.expected = expected;
        this.checks = new TableCheck[expected.size()];
        this.largestFirst = IntStream.range(0, expected.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> expected.get(i).rows()).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    /** The check of every expected table, in the manifest's order. */
    static List<TableCheck> count(DatabaseLogin restored, List<Manifest.TableRows> expected, int connections)
            throws SQLException, InterruptedException {
        var check = new RowCheck(restored, expected);
        int workers = Math.max(1, Math.min(connections, expected.size()));
        if (workers == 1) {
            check.countSome();
            return Arrays.asList(check.checks);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "row check of " + restored.database());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> counting = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                counting.add(pool.submit(() -> {
                    check.countSome();
                    return null;
                }));
            }
            for (Future<Void> worker : counting) {
                worker.get();
            }
            return Arrays.asList(check.checks);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts tables on one connection until none is left. */
    private void countSome() throws SQLException {
        try (Connection c = ServerDatabases.connect(restored);
             var find = c.prepareStatement("select format('%I.%I', n.nspname, c.relname) from pg_class c "
                     + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ? "
                     + "and c.relkind in ('r', 'p', 'm', 'f')")) {
            int taken;
            while ((taken = next.getAndIncrement()) < largestFirst.length) {
                int index = largestFirst[taken];
                Manifest.TableRows table = expected.get(index);
                find.setString(1, table.schema());
                find.setString(2, table.table());
                String qualified = null;
                try (var rows = find.executeQuery()) {
                    if (rows.next()) {
                        qualified = rows.getString(1);
                    }
                }
                long actual = qualified == null ? TableCheck.MISSING : rows(c, qualified);
                checks[index] = new TableCheck(table.schema(), table.table(), table.rows(), actual);
            }
        }
    }

    private static long rows(Connection c, String qualified) throws SQLException {
        try (var statement = c.createStatement(); var rows = statement.executeQuery("select count(*) from " + qualified)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
