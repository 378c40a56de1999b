package io.lifeboat.backups.control;

import io.lifeboat.targets.entity.DatabaseLogin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Asks the server, on a fresh connection, what a stalled pg_dump session waits for. Best effort. It names
 * the blocking session but never shows its query text, which could hold secrets.
 */
final class LockReport {

    private static final String QUERY = """
            select d.wait_event_type, d.wait_event,
                   (select l.relation::regclass::text from pg_locks l where l.pid = d.pid and not l.granted limit 1),
                   b.pid, b.usename, b.application_name, b.state,
                   (select string_agg(distinct h.mode, ', ') from pg_locks h join pg_locks w
                      on w.pid = d.pid and not w.granted and h.locktype = w.locktype
                     and h.relation is not distinct from w.relation and h.transactionid is not distinct from w.transactionid
                    where h.pid = b.pid and h.granted)
            from pg_stat_activity d
            left join lateral (select unnest(pg_blocking_pids(d.pid)) as pid limit 1) first_blocker on true
            left join pg_stat_activity b on b.pid = first_blocker.pid
            where d.application_name = ?
            limit 1""";

    private LockReport() {
    }

    static String explain(DatabaseLogin login, String applicationName) {
        try (Connection connection = DatabaseConnections.open(login, Duration.ofSeconds(5), "lifeboat lock report");
             PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setQueryTimeout(5);
            statement.setString(1, applicationName);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return "pg_dump had no session on the server";
                }
                if (rs.getObject(4) == null) {
                    return "pg_dump's session waits for " + rs.getString(1) + "/" + rs.getString(2);
                }
                String relation = rs.getString(3);
                return "pg_dump waits for a lock" + (relation == null ? "" : " on " + relation) + " held by pid "
                        + rs.getInt(4) + ", user " + rs.getString(5) + ", application '" + rs.getString(6) + "', "
                        + rs.getString(7) + (rs.getString(8) == null ? "" : ", holding " + rs.getString(8));
            }
        } catch (SQLException | BackupFailedException e) {
            return "the server could not be asked why: " + e.getMessage();
        }
    }
}
