package io.lifeboat.catalog.boundary;

import io.lifeboat.catalog.control.EmbeddedCatalog;
import io.lifeboat.catalog.control.EmbeddedDefaults;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the catalog up before anything else: the embedded cluster when no catalog database is
 * configured, then the versioned migrations, then {@link CatalogReady} for whoever seeds data.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CatalogStartup {

    private static final Logger LOG = Logger.getLogger(CatalogStartup.class.getName());

    @Resource(lookup = "java:app/jdbc/catalog")
    DataSource catalog;

    @Inject
    Config config;

    @Inject
    Event<CatalogReady> ready;

    private volatile String problem = "starting";

    @PostConstruct
    void start() {
        try {
            boolean embedded = isEmbedded();
            if (embedded) {
                EmbeddedCatalog.started();
            }
            var result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(catalog)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info(() -> "Catalog schema at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migrations applied)");
            ready.fire(new CatalogReady(embedded));
            problem = null;
        } catch (RuntimeException e) {
            problem = "The catalog database is not usable: " + e.getMessage()
                    + ". Check lifeboat.catalog.url, .user and .password (LIFEBOAT_CATALOG_URL …) and restart Lifeboat.";
            LOG.log(Level.SEVERE, problem, e);
        }
    }

    public boolean isEmbedded() {
        return EmbeddedDefaults.NAME.equals(config.getConfigValue("lifeboat.catalog.url").getSourceName());
    }

    /** Why the catalog is not ready, or null when it is. */
    public String problem() {
        return problem;
    }

    @PreDestroy
    void stop() {
        EmbeddedCatalog.stopIfStarted();
    }
}
