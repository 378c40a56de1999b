package io.lifeboat.targets.control;

import io.lifeboat.targets.entity.DatabaseLogin;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns PostgreSQL connection errors into what a person should do about them. */
public final class ConnectionErrors {

    private ConnectionErrors() {
    }

    public static String explain(DatabaseLogin login, SQLException e) {
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
