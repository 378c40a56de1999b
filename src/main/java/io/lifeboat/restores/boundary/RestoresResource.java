package io.lifeboat.restores.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.restores.control.RestoreFailedException;
import io.lifeboat.restores.control.RestoreRuns;
import io.lifeboat.runs.boundary.RunsResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Restores into a new database (202 + run, or with ?wait=true the verification report). */
@Path("restores")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RestoresResource {

    @Inject
    RestoreRuns restoreRuns;
    @Inject
    RunsResource runsResource;
    @Context
    SecurityContext caller;

    @POST
    @RolesAllowed("admin")
    public Response restore(RestoreRequestJson request, @QueryParam("wait") @DefaultValue("false") boolean wait) {
        if (request == null || request.backupId() == null) {
            throw Problem.badRequest("Send {\"backupId\": \"…\", \"database\": \"new_name\"}.");
        }
        var started = restoreRuns.start(request.backupId(), request.database(), caller.getUserPrincipal().getName(),
                request.identities());
        long runId = started.run().id();
        if (!wait) {
            return Response.accepted(runsResource.json(started.run())).header("Location", "/api/runs/" + runId).build();
        }
        try {
            return Response.status(Response.Status.CREATED).entity(started.report().get()).build();
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof RestoreFailedException ? e.getCause().getMessage() : e.toString();
            throw new Problem(Response.Status.INTERNAL_SERVER_ERROR, "Restore failed", reason, Map.of("runId", runId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(Response.Status.SERVICE_UNAVAILABLE, "Interrupted",
                    "Lifeboat is stopping; follow the run at /api/runs/" + runId, Map.of("runId", runId));
        }
    }
}
