package io.lifeboat.targets.control;

import io.lifeboat.targets.entity.DatabaseLogin;

import java.sql.SQLException;

/** Turns PostgreSQL connection errors into what a person should do about them. */
public final class ConnectionErrors {

    private ConnectionErrors() {
    }

    public static String explain(DatabaseLogin login, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01", "28000" -> "PostgreSQL refused the password for user " + login.user() + " on "
                    + login.host() + ":" + login.port() + "/" + login.database() + ": check the target's password.";
            case "3D000" -> "The database '" + login.database() + "' does not exist on " + login.host() + ":"
                    + login.port() + ": check the target's database name.";
            case "08001", "08004", "08006" -> "Could not reach PostgreSQL at " + login.host() + ":" + login.port()
                    + ": check the host, port and firewall (" + e.getMessage() + ").";
            default -> "Could not connect to " + login + ": " + e.getMessage();
        };
    }
}
