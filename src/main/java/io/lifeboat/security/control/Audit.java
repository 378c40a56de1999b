package io.lifeboat.security.control;

import io.lifeboat.security.entity.AuditEntry;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The audit trail: who did what, when, from where. Entries are appended, never changed. */
public class Audit {

    private static final Logger LOG = Logger.getLogger(Audit.class.getName());

    /** Which entries to list; null members do not filter. */
    public record Query(String actor, String action, Instant from, Instant to, int limit) {
    }

    private final Catalog catalog;

    public Audit(DataSource dataSource) {
        this.catalog = new Catalog(dataSource);
    }

    /** Records an entry; a catalog failure is logged, never thrown at the action being audited. */
    public void record(AuditEntry entry) {
        try {
            catalog.update("insert into audit (actor, address, action, object, result, details) values (?, ?, ?, ?, ?, ?)",
                    entry.actor(), entry.address(), entry.action(), entry.object(), entry.result().name(),
                    entry.details());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot record the audit entry " + entry.action() + " by " + entry.actor(), e);
        }
    }

    public List<AuditEntry> search(Query query) {
        StringBuilder sql = new StringBuilder("select * from audit where true");
        List<Object> parameters = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            parameters.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" and action like ?");
            parameters.add(query.action().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.from() != null) {
            sql.append(" and at >= ?");
            parameters.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" and at < ?");
            parameters.add(query.to());
        }
        sql.append(" order by at desc, id desc limit ?");
        parameters.add(Math.max(1, Math.min(query.limit(), 1000)));
        return catalog.query(sql.toString(), Audit::entry, parameters.toArray());
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong("id"), Catalog.time(row, "at"), row.getString("actor"),
                row.getString("address"), row.getString("action"), row.getString("object"),
                AuditEntry.Result.valueOf(row.getString("result")), row.getString("details"));
    }
}
