package io.lifeboat.retention.boundary;

import io.lifeboat.retention.control.Pruning;
import io.lifeboat.retention.entity.DestinationPlan;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Retention of a target, one plan per destination: a dry run that lists what would go, and the prune itself. */
@Path("targets/{name}/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @Inject
    Pruning pruning;

    @GET
    @RolesAllowed("viewer")
    public List<DestinationPlan> dryRun(@PathParam("name") String target) {
        return pruning.plan(target);
    }

    @POST
    @RolesAllowed("admin")
    public List<DestinationPlan> prune(@PathParam("name") String target) {
        return pruning.prune(target);
    }
}
