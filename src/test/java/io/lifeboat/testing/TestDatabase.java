package io.lifeboat.testing;

import io.lifeboat.catalog.control.LocalCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * One private PostgreSQL cluster for the whole test run: a free port on 127.0.0.1, scram
 * authentication, a random superuser password. It is stopped and removed when the JVM exits.
 */
public final class TestDatabase {

    public static final String SUPERUSER = "lifeboat_test";

    private static TestDatabase instance;

    private final LocalCluster cluster;
    private final String password;

    private TestDatabase(LocalCluster cluster, String password) {
        this.cluster = cluster;
        this.password = password;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestDatabase start() {
        try {
            Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-");
            Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            var cluster = new LocalCluster(root.resolve("cluster"), LocalCluster.newestServerBinaries(), freePort());
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            cluster.initialize(SUPERUSER, password);
            cluster.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cluster.destroy();
                try {
                    Files.deleteIfExists(root);
                } catch (IOException ignored) {
                    // the folder is under target/ and goes with the next clean
                }
            }));
            return new TestDatabase(cluster, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free on 127.0.0.1 now, and never one this method gave before: two ports asked for one after the other
     * (a server's HTTP port and its catalog's) would otherwise sometimes be the same.
     */
    public static int freePort() {
        while (true) {
            try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return cluster.port();
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public String jdbcUrl(String database) {
        return cluster.jdbcUrl(database);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    /** Creates a fresh, empty database with a unique name and returns the name. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    public void execute(String database, String sql) {
        try (Connection c = connect(database); var statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
