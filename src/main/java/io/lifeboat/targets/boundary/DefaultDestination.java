package io.lifeboat.targets.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The destination new targets write to: {@code lifeboat.destinations.default}, "local" unless configured. */
@ApplicationScoped
public class DefaultDestination {

    @Inject
    @ConfigProperty(name = "lifeboat.destinations.default", defaultValue = "local")
    String name;

    public String name() {
        return name;
    }
}
