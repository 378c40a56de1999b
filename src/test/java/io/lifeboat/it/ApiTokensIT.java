package io.lifeboat.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API tokens in a running Lifeboat: the first one is registered, a new one works, a revoked one stops at once. */
class ApiTokensIT {

    static LifeboatServer lifeboat;

    @BeforeAll
    static void start() {
        lifeboat = LifeboatServer.shared();
    }

    @Test
    void theFirstStartTokenIsARegisteredAdminToken() {
        var tokens = lifeboat.get("/api/tokens");
        assertEquals(200, tokens.status(), tokens.body());
        JsonObject first = tokens.array().getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("name").equals("first-admin")).findFirst().orElseThrow();
        assertEquals("admin", first.getString("role"));
        assertTrue(first.containsKey("lastUsed"), first.toString());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        String name = "revoked-" + System.nanoTime();
        var created = lifeboat.post("/api/tokens", "{\"name\": \"" + name + "\", \"role\": \"operator\", \"days\": 7}");
        assertEquals(201, created.status(), created.body());
        String token = created.json().getString("token");
        String id = created.json().getJsonObject("details").getString("id");

        var whoami = lifeboat.send("GET", "/api/whoami", null, token);
        assertEquals(200, whoami.status(), whoami.body());
        assertEquals("token:" + name, whoami.json().getString("name"));
        assertEquals(2, whoami.json().getJsonArray("roles").size());

        var listed = lifeboat.get("/api/tokens");
        assertFalse(listed.body().contains(token), "the list never shows a token's value");
        assertTrue(listed.body().contains(name));

        var revoked = lifeboat.delete("/api/tokens/" + id);
        assertEquals(200, revoked.status(), revoked.body());
        assertTrue(revoked.json().containsKey("revokedAt"), revoked.body());

        var refused = lifeboat.send("GET", "/api/whoami", null, token);
        assertEquals(401, refused.status(), refused.body());
        assertTrue(refused.json().getString("detail").contains("revoked"), refused.body());
        assertFalse(lifeboat.get("/api/tokens").body().contains(name), "a revoked token leaves the list");
        assertTrue(lifeboat.get("/api/tokens?revoked=true").body().contains(name));
    }

    @Test
    void tokenChangesAreAuditedWithoutTheirValue() {
        String name = "audited-" + System.nanoTime();
        var created = lifeboat.post("/api/tokens", "{\"name\": \"" + name + "\", \"role\": \"viewer\", \"days\": 1}");
        assertEquals(201, created.status(), created.body());
        var audit = lifeboat.get("/api/audit?action=POST%20/api/tokens&actor=token:first-admin");
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.array().size() >= 1, audit.body());
        JsonObject newest = audit.array().getJsonObject(0);
        assertEquals("SUCCESS", newest.getString("result"));
        assertEquals("127.0.0.1", newest.getString("address"));
        assertFalse(audit.body().contains(created.json().getString("token")));
    }
}
