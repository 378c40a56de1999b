package io.lifeboat.restores.control;

import io.lifeboat.targets.control.Connections;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.sql.Connection;
import java.sql.SQLException;

/** Creates, finds and drops databases on the server a restore writes to, through its maintenance database. */
final class ServerDatabases {

    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final DatabaseLogin login;

    ServerDatabases(DatabaseLogin login) {
        this.login = login;
    }

    static Connection connect(DatabaseLogin login) throws SQLException {
        return Connections.open(login, "lifeboat restore");
    }

    boolean exists(DatabaseName name) {
        try (Connection c = connect(login);
             var statement = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, name.value());
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** Creates the database from template0; refuses if it exists, even when it appeared a moment ago. */
    void create(DatabaseName name) {
        try (Connection c = connect(login); var statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + name.quoted() + " TEMPLATE template0");
        } catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw alreadyExists(name);
            }
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw new RestoreFailedException("The login " + login + " may not create databases ("
                        + e.getMessage() + "): grant it CREATEDB (ALTER ROLE " + login.user() + " CREATEDB) "
                        + "or use another login, then restore again. Nothing was created.", e);
            }
            throw new RestoreFailedException("Could not create the database " + name + " on " + login + " ("
                    + e.getMessage() + "): fix the cause and restore again. Nothing was created.", e);
        }
    }

    /** Drops the database, ending any session still in it. */
    void drop(DatabaseName name) throws SQLException {
        try (Connection c = connect(login); var statement = c.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name.quoted() + " WITH (FORCE)");
        }
    }

    RestoreFailedException alreadyExists(DatabaseName name) {
        return new RestoreFailedException("A database named " + name + " exists already on " + login.host() + ":"
                + login.port() + ": choose another name for the new database. A restore never writes over an "
                + "existing database, and " + name + " was not touched.");
    }

    private RestoreFailedException unreachable(SQLException e) {
        return new RestoreFailedException("Could not connect to " + login + " (" + e.getMessage() + "): check the "
                + "server's address, that it is running and the login, then restore again. Nothing was created.", e);
    }
}
