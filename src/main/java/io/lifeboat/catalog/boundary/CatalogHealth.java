package io.lifeboat.catalog.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the catalog is migrated and usable; the reason is shown otherwise. */
@Readiness
@ApplicationScoped
public class CatalogHealth implements HealthCheck {

    @Inject
    CatalogStartup catalog;

    @Override
    public HealthCheckResponse call() {
        String problem = catalog.problem();
        var response = HealthCheckResponse.named("catalog");
        return problem == null ? response.up().build() : response.down().withData("problem", problem).build();
    }
}
