package io.lifeboat.security.control;

import io.lifeboat.security.entity.AuditEntry;
import io.lifeboat.security.entity.AuditEntry.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit trail in a real catalog: newest first, filtered by actor, action prefix and time. */
class AuditTest {

    private DataSource catalog;
    private Audit audit;

    @BeforeEach
    void freshCatalog() {
        catalog = SecurityCatalogs.fresh("audit");
        audit = new Audit(catalog);
    }

    @Test
    void filtersByActorActionAndTime() throws Exception {
        audit.record(AuditEntry.of("alice", "10.0.0.1", "login", null, Result.SUCCESS, null));
        audit.record(AuditEntry.of("alice", "10.0.0.1", "POST /api/targets/{name}/backups", "/api/targets/crm/backups",
                Result.SUCCESS, "HTTP 202"));
        audit.record(AuditEntry.of("bob", "10.0.0.2", "login", null, Result.DENIED, "wrong name or password"));
        try (var connection = catalog.getConnection(); var statement = connection.createStatement()) {
            statement.execute("update audit set at = '2026-01-01T00:00:00Z' where actor = 'bob'");
        }

        List<AuditEntry> all = audit.search(new Audit.Query(null, null, null, null, 100));
        assertEquals(List.of("POST /api/targets/{name}/backups", "login", "login"),
                all.stream().map(AuditEntry::action).toList());

        List<AuditEntry> alice = audit.search(new Audit.Query("alice", null, null, null, 100));
        assertEquals(2, alice.size());
        assertTrue(alice.stream().allMatch(e -> e.actor().equals("alice")));

        List<AuditEntry> posts = audit.search(new Audit.Query(null, "POST", null, null, 100));
        assertEquals(1, posts.size());
        assertEquals("/api/targets/crm/backups", posts.get(0).object());
        assertEquals("10.0.0.1", posts.get(0).address());

        List<AuditEntry> old = audit.search(new Audit.Query(null, "login", null, Instant.parse("2026-02-01T00:00:00Z"), 100));
        assertEquals(1, old.size());
        assertEquals(Result.DENIED, old.get(0).result());
        assertEquals("bob", old.get(0).actor());

        List<AuditEntry> recent = audit.search(new Audit.Query(null, null, Instant.parse("2026-02-01T00:00:00Z"), null, 100));
        assertEquals(2, recent.size());
        assertEquals(1, audit.search(new Audit.Query(null, null, null, null, 1)).size());
    }

    @Test
    void anActionFilterMatchesLiterallyNotAsAPattern() {
        audit.record(AuditEntry.of("alice", null, "user.create", "bob", Result.SUCCESS, null));
        audit.record(AuditEntry.of("alice", null, "userXcreate", "carol", Result.SUCCESS, null));
        assertEquals(List.of("bob"), audit.search(new Audit.Query(null, "user.create", null, null, 10)).stream()
                .map(AuditEntry::object).toList());
        assertEquals(List.of(), audit.search(new Audit.Query(null, "user_", null, null, 10)));
    }
}
