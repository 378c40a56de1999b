package io.lifeboat.security.control;

import io.lifeboat.security.control.ApiTokens.Check;
import io.lifeboat.security.control.Tokens.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API tokens registered in a real catalog and checked with real signatures. */
class ApiTokensTest {

    @TempDir
    static Path keyFolder;
    @TempDir
    static Path otherKeyFolder;

    private static SigningKeys keys;
    private DataSource catalog;
    private ApiTokens tokens;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.in(keyFolder);
    }

    @BeforeEach
    void freshCatalog() {
        catalog = SecurityCatalogs.fresh("tokens");
        tokens = new ApiTokens(catalog, keys);
    }

    @Test
    void aCreatedTokenIsAcceptedWithItsRoleAndItsValueIsNotStored() throws SQLException {
        var created = tokens.create("deploy-hook", Role.OPERATOR, Duration.ofDays(30), "alice");

        var check = assertInstanceOf(Check.Accepted.class, tokens.check(created.value(), Instant.now()));
        assertEquals(Role.OPERATOR, check.token().role());
        assertEquals("token:deploy-hook", check.token().principalName());
        assertEquals("alice", check.token().createdBy());
        try (var connection = catalog.getConnection(); var rows = connection.createStatement()
                .executeQuery("select * from api_tokens")) {
            rows.next();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                String value = rows.getString(column);
                assertFalse(value != null && value.contains(created.value().substring(40, 80)),
                        rows.getMetaData().getColumnName(column) + " holds the token");
            }
        }
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        var created = tokens.create("ci", Role.ADMIN, Duration.ofDays(1), "alice");
        assertInstanceOf(Check.Accepted.class, tokens.check(created.value(), Instant.now()));

        tokens.revoke(created.token().id(), "bob");

        var refused = assertInstanceOf(Check.Refused.class, tokens.check(created.value(), Instant.now()));
        assertTrue(refused.reason().contains("revoked"), refused.reason());
        assertEquals("bob", tokens.require(created.token().id()).revokedBy());
        assertTrue(tokens.list(false).isEmpty());
        assertEquals(1, tokens.list(true).size());
    }

    @Test
    void anExpiredAnUnregisteredAndAForeignTokenAreRefused() {
        var created = tokens.create("short", Role.VIEWER, Duration.ofDays(1), "alice");
        var expired = assertInstanceOf(Check.Refused.class,
                tokens.check(created.value(), Instant.now().plus(Duration.ofDays(2))));
        assertTrue(expired.reason().contains("expired"), expired.reason());

        var unregistered = new Tokens(keys).issue("ghost", Role.ADMIN, Duration.ofDays(1));
        assertTrue(assertInstanceOf(Check.Refused.class, tokens.check(unregistered.token(), Instant.now()))
                .reason().contains("not registered"));

        var foreign = new Tokens(SigningKeys.in(otherKeyFolder)).issue("ci", Role.ADMIN, Duration.ofDays(1));
        tokens.register(foreign, "foreign", Role.ADMIN, "mallory");
        assertInstanceOf(Check.Refused.class, tokens.check(foreign.token(), Instant.now()));
        assertInstanceOf(Check.Refused.class, tokens.check("not.a.token", Instant.now()));
        String tampered = created.value().substring(0, created.value().length() - 4) + "AAAA";
        assertInstanceOf(Check.Refused.class, tokens.check(tampered, Instant.now()));
    }

    @Test
    void lastUseIsRecordedAtMostOncePerMinute() {
        var created = tokens.create("poller", Role.VIEWER, Duration.ofDays(1), "alice");
        assertNull(tokens.require(created.token().id()).lastUsed());
        Instant first = Instant.now();
        tokens.check(created.value(), first);
        var recorded = tokens.require(created.token().id()).lastUsed();
        assertNotNull(recorded);
        tokens.check(created.value(), first.plusSeconds(30));
        assertEquals(recorded, tokens.require(created.token().id()).lastUsed());
        tokens.check(created.value(), first.plusSeconds(90));
        assertTrue(tokens.require(created.token().id()).lastUsed().isAfter(recorded));
    }

    @Test
    void namesAreUniqueAmongLiveTokensAndValidityIsBounded() {
        var first = tokens.create("ci", Role.VIEWER, Duration.ofDays(1), "alice");
        assertEquals(RefusedException.Reason.CONFLICT, assertThrows(RefusedException.class,
                () -> tokens.create("ci", Role.VIEWER, Duration.ofDays(1), "alice")).reason());
        tokens.revoke(first.token().id(), "alice");
        tokens.create("ci", Role.VIEWER, Duration.ofDays(1), "alice");

        assertThrows(RefusedException.class, () -> tokens.create("long", Role.VIEWER, Duration.ofDays(5000), "a"));
        assertThrows(RefusedException.class, () -> tokens.create("zero", Role.VIEWER, Duration.ZERO, "a"));
        assertThrows(RefusedException.class, () -> tokens.create("bad name", Role.VIEWER, Duration.ofDays(1), "a"));
    }

    @Test
    void aFirstTokenFromBeforeRegistrationIsAdoptedOnce() {
        var old = new Tokens(keys).issue("first-admin", Role.ADMIN, Duration.ofDays(90));
        assertInstanceOf(Check.Refused.class, tokens.check(old.token(), Instant.now()));

        assertTrue(tokens.adopt(old.token(), "lifeboat"));
        assertFalse(tokens.adopt(old.token(), "lifeboat"));
        var accepted = assertInstanceOf(Check.Accepted.class, tokens.check(old.token(), Instant.now()));
        assertEquals(Role.ADMIN, accepted.token().role());
        assertEquals("first-admin", accepted.token().name());

        var foreign = new Tokens(SigningKeys.in(otherKeyFolder)).issue("x", Role.ADMIN, Duration.ofDays(1));
        assertFalse(tokens.adopt(foreign.token(), "lifeboat"));
    }
}
