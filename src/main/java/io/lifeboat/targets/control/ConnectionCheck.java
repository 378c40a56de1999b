package io.lifeboat.targets.control;

import io.lifeboat.targets.entity.DatabaseLogin;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;

/** "Test connection": can Lifeboat log in, and what server is it. */
@ApplicationScoped
public class ConnectionCheck {

    public record Result(boolean ok, String serverVersion, String message) {
    }

    public Result check(DatabaseLogin login) {
        try (var c = Connections.open(login);
             var rs = c.createStatement().executeQuery("select current_setting('server_version')")) {
            rs.next();
            String version = rs.getString(1);
            return new Result(true, version, "Connected to PostgreSQL " + version + " as " + login.user() + ".");
        } catch (SQLException e) {
            return new Result(false, null, ConnectionErrors.explain(login, e));
        }
    }
}
