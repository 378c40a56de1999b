package io.lifeboat.console.boundary;

import io.lifeboat.destinations.entity.DestinationConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** The destinations backups are written to (admins). Credentials are aliases; none is shown. */
@Named
@RequestScoped
public class DestinationsView {

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    public List<DestinationConfig> getDestinations() {
        return em.createQuery("select d from DestinationConfig d order by d.name", DestinationConfig.class)
                .getResultList();
    }
}
