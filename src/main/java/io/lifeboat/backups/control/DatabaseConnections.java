package io.lifeboat.backups.control;

import io.lifeboat.targets.control.ConnectionErrors;
import io.lifeboat.targets.control.Connections;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** Opens JDBC connections to a target and turns login failures into messages a person can act on. */
final class DatabaseConnections {

    private DatabaseConnections() {
    }

    static Connection open(DatabaseLogin login, Duration connectTimeout, String applicationName)
            throws BackupFailedException {
        try {
            return Connections.open(login, applicationName, connectTimeout);
        } catch (SQLException e) {
            throw new BackupFailedException(explain(e, login), e);
        }
    }

    static String explain(SQLException e, DatabaseLogin login) {
        return ConnectionErrors.explain(login, e);
    }
}
