package io.lifeboat.catalog.control;

import java.sql.Connection;
import io.lifeboat.targets.control.Connections;
import io.lifeboat.targets.entity.DatabaseLogin;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The private PostgreSQL cluster that holds the catalog (and a demo database) when no catalog
 * database is configured: a newcomer can back up and restore at once, nothing to set up.
 */
public final class EmbeddedCatalog {

    public static final String DEMO_DATABASE = "demo";
    private static final Logger LOG = Logger.getLogger(EmbeddedCatalog.class.getName());

    private static EmbeddedCatalog running;

    private final LocalCluster cluster;
    private final String password;

    /** The embedded cluster of this process, started on first use. */
    public static synchronized EmbeddedCatalog started() {
        if (running == null) {
            try {
                var catalog = new EmbeddedCatalog();
                catalog.start();
                running = catalog;
            } catch (RuntimeException e) {
                // the container swallows errors of configuration lookups: say it here
                LOG.log(java.util.logging.Level.SEVERE, "The embedded catalog cannot start: " + e.getMessage()
                        + ". Fix the cause, or configure lifeboat.catalog.url for an existing database.", e);
                throw e;
            }
        }
        return running;
    }

    /** Stops the embedded cluster if this process started it. */
    public static synchronized void stopIfStarted() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    private EmbeddedCatalog() {
        this.cluster = new LocalCluster(DataFolder.resolve("catalog/cluster"), LocalCluster.newestServerBinaries(),
                EmbeddedDefaults.embeddedPort());
        this.password = EmbeddedDefaults.embeddedPassword();
    }

    /** Starts the cluster (creating it, the catalog and the demo database the first time). */
    private void start() {
        boolean fresh = !cluster.isInitialized();
        if (fresh) {
            LOG.info(() -> "Creating the embedded catalog cluster in " + cluster.folder());
            cluster.initialize(EmbeddedDefaults.CATALOG_USER, password);
        }
        if (!cluster.isRunning()) {
            cluster.start();
        }
        LOG.info(() -> "Embedded catalog cluster listening on 127.0.0.1:" + cluster.port() + " (" + cluster.folder() + ")");
        createIfMissing(EmbeddedDefaults.CATALOG_DATABASE, null);
        createIfMissing(DEMO_DATABASE, "/io/lifeboat/catalog/demo.sql");
    }

    private void stop() {
        cluster.stop();
    }

    public int port() {
        return cluster.port();
    }

    public String password() {
        return password;
    }

    /** A login to a database of the embedded cluster as its owner. */
    public DatabaseLogin login(String database) {
        return new DatabaseLogin("127.0.0.1", cluster.port(), database, EmbeddedDefaults.CATALOG_USER, password);
    }

    private void createIfMissing(String database, String script) {
        try (Connection c = Connections.open(login("postgres"));
             var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, database);
            if (check.executeQuery().next()) {
                return;
            }
            c.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the " + database + " database in the embedded cluster: "
                    + e.getMessage(), e);
        }
        if (script != null) {
            try (Connection c = Connections.open(login(database));
                 var in = EmbeddedCatalog.class.getResourceAsStream(script)) {
                c.createStatement().execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot fill the demo database: " + e.getMessage(), e);
            }
        }
    }
}
