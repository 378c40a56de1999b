package io.lifeboat.security.control;

import io.lifeboat.security.control.Tokens.Role;
import io.lifeboat.security.entity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users in a real catalog: hashing, authentication, the first admin, and the last admin who cannot go. */
class UsersTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    private DataSource catalog;
    private Users users;

    @BeforeEach
    void freshCatalog() {
        catalog = SecurityCatalogs.fresh("users");
        users = new Users(catalog, SecurityCatalogs.passwordHash());
    }

    @Test
    void storesAHashNeverThePasswordAndAuthenticatesWithIt() throws SQLException {
        users.create("alice", PASSWORD, Role.OPERATOR, "de");

        try (var connection = catalog.getConnection(); var rows = connection.createStatement()
                .executeQuery("select password_hash from users where name = 'alice'")) {
            rows.next();
            String stored = rows.getString(1);
            assertFalse(stored.contains("correct horse"), stored);
            assertTrue(stored.startsWith("PBKDF2WithHmac"), stored);
        }
        User alice = users.authenticate("alice", PASSWORD).orElseThrow();
        assertEquals(Role.OPERATOR, alice.role());
        assertEquals("de", alice.language());
        assertTrue(users.authenticate("alice", "correct horse battery!".toCharArray()).isEmpty());
        assertTrue(users.authenticate("bob", PASSWORD).isEmpty());
    }

    @Test
    void aDisabledUserCannotLogInUntilEnabledAgain() {
        users.create("admin", PASSWORD, Role.ADMIN, null);
        users.create("alice", PASSWORD, Role.VIEWER, null);

        users.disable("alice");
        assertTrue(users.authenticate("alice", PASSWORD).isEmpty());
        users.enable("alice");
        assertTrue(users.authenticate("alice", PASSWORD).isPresent());
    }

    @Test
    void refusesShortPasswordsBadNamesAndDuplicatesWithAReason() {
        var shortPassword = assertThrows(RefusedException.class,
                () -> users.create("alice", "short".toCharArray(), Role.VIEWER, null));
        assertTrue(shortPassword.getMessage().contains("at least 12"), shortPassword.getMessage());
        assertEquals(RefusedException.Reason.INVALID, assertThrows(RefusedException.class,
                () -> users.create("al ice", PASSWORD, Role.VIEWER, null)).reason());
        users.create("alice", PASSWORD, Role.VIEWER, null);
        assertEquals(RefusedException.Reason.CONFLICT, assertThrows(RefusedException.class,
                () -> users.create("alice", PASSWORD, Role.ADMIN, null)).reason());
    }

    @Test
    void theFirstAdminIsCreatedOnlyWhileThereIsNoUser() {
        assertFalse(users.any());
        assertTrue(users.createFirstAdmin("root", PASSWORD));
        assertFalse(users.createFirstAdmin("intruder", PASSWORD));
        assertEquals(Role.ADMIN, users.require("root").role());
        assertTrue(users.find("intruder").isEmpty());
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
        users.create("operator", PASSWORD, Role.OPERATOR, null);
        users.changeRole("operator", Role.VIEWER);
        users.disable("operator");
        assertEquals(Role.VIEWER, users.require("operator").role());
        users.create("root", PASSWORD, Role.ADMIN, null);
        assertEquals(RefusedException.Reason.CONFLICT,
                assertThrows(RefusedException.class, () -> users.changeRole("root", Role.VIEWER)).reason());
        assertThrows(RefusedException.class, () -> users.disable("root"));
        assertThrows(RefusedException.class, () -> users.delete("root"));
        assertEquals(Role.ADMIN, users.require("root").role());

        users.create("second", PASSWORD, Role.ADMIN, null);
        users.changeRole("root", Role.VIEWER);
        assertEquals(Role.VIEWER, users.require("root").role());
        assertThrows(RefusedException.class, () -> users.delete("second"));
        users.delete("root");
        assertTrue(users.find("root").isEmpty());
    }

    @Test
    void aNewPasswordReplacesTheOldOne() {
        users.create("alice", PASSWORD, Role.VIEWER, null);
        users.changePassword("alice", "another long passphrase".toCharArray());
        assertTrue(users.authenticate("alice", PASSWORD).isEmpty());
        assertNotEquals(java.util.Optional.empty(), users.authenticate("alice", "another long passphrase".toCharArray()));
        assertEquals(RefusedException.Reason.NOT_FOUND, assertThrows(RefusedException.class,
                () -> users.changePassword("nobody", PASSWORD)).reason());
    }
}
