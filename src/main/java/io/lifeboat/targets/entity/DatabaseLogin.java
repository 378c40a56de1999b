package io.lifeboat.targets.entity;

import java.util.Objects;

/**
 * Where a database is and how to log in to it. The password is held only in memory and
 * reaches PostgreSQL tools through a 0600 password file; {@link #toString()} never shows it.
 */
public record DatabaseLogin(String host, int port, String database, String user, String password) {

    public DatabaseLogin {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
    }

    public DatabaseLogin withDatabase(String otherDatabase) {
        return new DatabaseLogin(host, port, otherDatabase, user, password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
