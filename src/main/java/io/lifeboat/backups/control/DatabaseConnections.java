package io.lifeboat.backups.control;

import io.lifeboat.targets.entity.DatabaseLogin;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Opens JDBC connections to a target and turns login failures into messages a person can act on. */
final class DatabaseConnections {

    private DatabaseConnections() {
    }

    static Connection open(DatabaseLogin login, Duration connectTimeout, String applicationName)
            throws BackupFailedException {
        var properties = new Properties();
        properties.setProperty("user", login.user());
        if (login.password() != null) {
            properties.setProperty("password", login.password());
        }
        String seconds = Long.toString(Math.max(1, connectTimeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        try {
            Connection connection = new org.postgresql.Driver().connect(login.jdbcUrl(), properties);
            if (connection == null) {
                throw new BackupFailedException("The address of " + login + " is not a PostgreSQL JDBC URL: "
                        + "check the target's host and database");
            }
            return connection;
        } catch (SQLException e) {
            throw new BackupFailedException(explain(e, login), e);
        }
    }

    static String explain(SQLException e, DatabaseLogin login) {
        String where = login.host() + ":" + login.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable cause = e.getCause();
        return switch (state) {
            case "28P01" -> "PostgreSQL refused the password for user " + login.user() + " on " + where + "/"
                    + login.database() + ": check the target's password";
            case "28000" -> "PostgreSQL refused the login of user " + login.user() + " on " + where + "/"
                    + login.database() + " (" + e.getMessage() + "): check the user and the server's pg_hba.conf";
            case "3D000" -> "The database " + login.database() + " does not exist on " + where
                    + ": check the target's database name";
            case "53300" -> "PostgreSQL at " + where + " has no free connection slot: retry later or raise "
                    + "max_connections";
            case "57P03" -> "PostgreSQL at " + where + " is starting up or shutting down: retry in a moment";
            default -> {
                if (cause instanceof UnknownHostException) {
                    yield "Could not resolve the host " + login.host() + ": check the target's host name";
                }
                if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                        || cause instanceof SocketTimeoutException || state.startsWith("08")) {
                    yield "Could not reach PostgreSQL at " + where + ": check the host, port and firewall ("
                            + e.getMessage() + ")";
                }
                yield "PostgreSQL at " + where + "/" + login.database() + " failed: " + e.getMessage()
                        + " (SQL state " + state + ")";
            }
        };
    }
}
