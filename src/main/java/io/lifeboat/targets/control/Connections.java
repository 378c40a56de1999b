package io.lifeboat.targets.control;

import io.lifeboat.targets.entity.DatabaseLogin;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Opens JDBC connections to targets. Goes through the driver's DataSource rather than
 * DriverManager, which does not see drivers packaged inside a web application.
 */
public final class Connections {

    private Connections() {
    }

    public static Connection open(DatabaseLogin login) throws SQLException {
        return open(login, "lifeboat");
    }

    public static Connection open(DatabaseLogin login, String applicationName) throws SQLException {
        return open(login, applicationName, Duration.ofSeconds(10));
    }

    public static Connection open(DatabaseLogin login, String applicationName, Duration connectTimeout)
            throws SQLException {
        var source = new PGSimpleDataSource();
        source.setServerNames(new String[]{login.host()});
        source.setPortNumbers(new int[]{login.port()});
        source.setDatabaseName(login.database());
        source.setUser(login.user());
        source.setPassword(login.password());
        int seconds = (int) Math.max(1, connectTimeout.toSeconds());
        source.setConnectTimeout(seconds);
        source.setLoginTimeout(seconds);
        source.setTcpKeepAlive(true);
        source.setApplicationName(applicationName);
        return source.getConnection();
    }
}
