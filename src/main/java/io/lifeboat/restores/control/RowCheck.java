package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.restores.control.RestoreReport.TableCheck;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Counts, in the restored database, the rows of every table the manifest lists. */
final class RowCheck {

    private RowCheck() {
    }

    static List<TableCheck> count(DatabaseLogin restored, List<Manifest.TableRows> expected) throws SQLException {
        List<TableCheck> checks = new ArrayList<>();
        try (Connection c = ServerDatabases.connect(restored);
             var find = c.prepareStatement("select format('%I.%I', n.nspname, c.relname) from pg_class c "
                     + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ? "
                     + "and c.relkind in ('r', 'p', 'm', 'f')")) {
            for (Manifest.TableRows table : expected) {
                find.setString(1, table.schema());
                find.setString(2, table.table());
                String qualified = null;
                try (var rows = find.executeQuery()) {
                    if (rows.next()) {
                        qualified = rows.getString(1);
                    }
                }
                long actual = qualified == null ? TableCheck.MISSING : rows(c, qualified);
                checks.add(new TableCheck(table.schema(), table.table(), table.rows(), actual));
            }
        }
        return checks;
    }

    private static long rows(Connection c, String qualified) throws SQLException {
        try (var statement = c.createStatement(); var rows = statement.executeQuery("select count(*) from " + qualified)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
