package io.lifeboat.testing;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestDatabaseTest {

    @Test
    void clusterAcceptsThePasswordAndRefusesAWrongOne() throws SQLException {
        TestDatabase db = TestDatabase.get();
        try (var c = db.connect("postgres"); var rs = c.createStatement().executeQuery("show password_encryption")) {
            assertTrue(rs.next());
            assertEquals("scram-sha-256", rs.getString(1));
        }
        var e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(db.jdbcUrl("postgres"), db.superuser(), "wrong"));
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    }
}
