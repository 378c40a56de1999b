package io.lifeboat.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every API call against every kind of caller: anonymous gets 401, a role below the call's gets 403, the
 * others get past the role check (to a 2xx, or a 400/404 about the made-up objects the calls name; nothing
 * is changed). The table is the API's role contract.
 */
class RoleMatrixIT {

    enum Caller { ANONYMOUS, VIEWER, OPERATOR, ADMIN }

    record Call(String method, String path, String body, Caller least) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Call> CALLS = List.of(
            new Call("GET", "/api/whoami", null, Caller.VIEWER),
            new Call("GET", "/api/targets", null, Caller.VIEWER),
            new Call("GET", "/api/targets/no-such-target", null, Caller.VIEWER),
            new Call("POST", "/api/targets", "{}", Caller.ADMIN),
            new Call("PUT", "/api/targets/no-such-target", "{}", Caller.ADMIN),
            new Call("DELETE", "/api/targets/no-such-target", null, Caller.ADMIN),
            new Call("POST", "/api/targets/no-such-target/test", null, Caller.ADMIN),
            new Call("GET", "/api/targets/no-such-target/backups", null, Caller.VIEWER),
            new Call("POST", "/api/targets/no-such-target/backups", null, Caller.OPERATOR),
            new Call("GET", "/api/targets/no-such-target/retention", null, Caller.VIEWER),
            new Call("POST", "/api/targets/no-such-target/retention", null, Caller.ADMIN),
            new Call("GET", "/api/backups/no-such-backup", null, Caller.VIEWER),
            new Call("GET", "/api/backups/no-such-backup/manifest", null, Caller.VIEWER),
            new Call("PUT", "/api/backups/no-such-backup/pin", null, Caller.OPERATOR),
            new Call("DELETE", "/api/backups/no-such-backup/pin", null, Caller.ADMIN),
            new Call("DELETE", "/api/backups/no-such-backup", null, Caller.ADMIN),
            new Call("POST", "/api/restores", "{\"backupId\": \"no-such-backup\", \"database\": \"matrix_copy\"}",
                    Caller.ADMIN),
            new Call("GET", "/api/runs", null, Caller.VIEWER),
            new Call("GET", "/api/runs/987654321", null, Caller.VIEWER),
            new Call("GET", "/api/tokens", null, Caller.ADMIN),
            new Call("POST", "/api/tokens", "{\"name\": \"not a valid name\", \"role\": \"viewer\"}", Caller.ADMIN),
            new Call("GET", "/api/tokens/no-such-token", null, Caller.ADMIN),
            new Call("DELETE", "/api/tokens/no-such-token", null, Caller.ADMIN),
            new Call("GET", "/api/users", null, Caller.ADMIN),
            new Call("POST", "/api/users", "{\"name\": \"matrix\", \"password\": \"short\", \"role\": \"viewer\"}",
                    Caller.ADMIN),
            new Call("GET", "/api/users/no-such-user", null, Caller.ADMIN),
            new Call("PUT", "/api/users/no-such-user", "{\"role\": \"viewer\"}", Caller.ADMIN),
            new Call("DELETE", "/api/users/no-such-user", null, Caller.ADMIN),
            new Call("GET", "/api/audit", null, Caller.ADMIN));

    static LifeboatServer lifeboat;
    static final Map<Caller, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void tokens() {
        lifeboat = LifeboatServer.shared();
        TOKENS.put(Caller.ANONYMOUS, null);
        for (Caller caller : List.of(Caller.VIEWER, Caller.OPERATOR)) {
            var created = lifeboat.post("/api/tokens", "{\"name\": \"matrix-" + caller.name().toLowerCase()
                    + "-" + System.nanoTime() + "\", \"role\": \"" + caller.name().toLowerCase() + "\", \"days\": 1}");
            assertEquals(201, created.status(), created.body());
            TOKENS.put(caller, created.json().getString("token"));
        }
        TOKENS.put(Caller.ADMIN, lifeboat.adminToken());
    }

    @Test
    void everyCallAnswersEveryCallerAsItsRoleSays() {
        List<String> wrong = new ArrayList<>();
        for (Call call : CALLS) {
            for (var caller : TOKENS.entrySet()) {
                var reply = lifeboat.send(call.method(), call.path(), call.body(), caller.getValue());
                int expected = caller.getKey() == Caller.ANONYMOUS ? 401
                        : caller.getKey().compareTo(call.least()) < 0 ? 403 : 0;
                boolean right = expected == 0
                        ? reply.status() != 401 && reply.status() != 403 && reply.status() < 500
                        : reply.status() == expected && reply.contentType().startsWith("application/problem+json");
                if (!right) {
                    wrong.add(call + " as " + caller.getKey() + ": expected " + (expected == 0 ? "allowed" : expected)
                            + ", got " + reply);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theAnswersSayWhatToDo() {
        var anonymous = lifeboat.send("GET", "/api/targets", null, null);
        assertTrue(anonymous.json().getString("detail").contains("Authorization: Bearer"), anonymous.body());
        var viewer = lifeboat.send("POST", "/api/targets/no-such-target/backups", null, TOKENS.get(Caller.VIEWER));
        assertTrue(viewer.json().getString("detail").contains("operator"), viewer.body());
        var foreign = lifeboat.send("GET", "/api/targets", null, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        assertEquals(401, foreign.status(), foreign.body());
        assertTrue(foreign.json().getString("detail").contains("not one Lifeboat issued"), foreign.body());
    }
}
