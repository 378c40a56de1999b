package io.lifeboat.destinations.control;

import io.lifeboat.api.Problem;
import io.lifeboat.destinations.entity.DestinationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.file.Path;

/** Opens the configured destinations by name. */
@ApplicationScoped
@Transactional
public class Destinations {

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    public Destination open(String name) {
        DestinationConfig config = em.find(DestinationConfig.class, name);
        if (config == null) {
            throw Problem.notFound("Destination", name);
        }
        return switch (config.kind()) {
            case LOCAL -> new LocalFolder(Path.of(config.location()));
        };
    }
}
