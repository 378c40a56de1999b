package io.lifeboat.catalog.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The container-managed catalog datasource. Configure {@code lifeboat.catalog.url}, {@code .user}
 * and {@code .password} (environment: {@code LIFEBOAT_CATALOG_URL} …); without them Lifeboat
 * uses the embedded cluster in its data folder.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/catalog",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=lifeboat.catalog.url}",
        user = "${MPCONFIG=lifeboat.catalog.user}",
        password = "${MPCONFIG=lifeboat.catalog.password}",
        minPoolSize = 0,
        initialPoolSize = 0,
        maxPoolSize = 16,
        properties = {"fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit"})
@Singleton
public class CatalogDataSource {
}
