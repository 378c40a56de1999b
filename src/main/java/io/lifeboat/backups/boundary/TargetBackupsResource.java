package io.lifeboat.backups.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.backups.control.BackupFailedException;
import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.runs.boundary.RunsResource;
import io.lifeboat.targets.control.Targets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The backups of one target: start one now, list them. */
@Path("targets/{name}/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TargetBackupsResource {

    @Inject
    BackupRuns backupRuns;
    @Inject
    Backups backups;
    @Inject
    Targets targets;
    @Inject
    RunsResource runsResource;
    @Context
    SecurityContext caller;

    /**
     * Starts a backup: 202 with the run, or with {@code ?wait=true} 201 with the backup once it is
     * complete (for scripts such as a pre-deploy hook), or a problem saying why it failed.
     */
    @POST
    @RolesAllowed("operator")
    public Response start(@PathParam("name") String target, @QueryParam("wait") @DefaultValue("false") boolean wait,
                          @QueryParam("trigger") @DefaultValue("API") Trigger trigger) {
        var started = backupRuns.start(target, trigger, caller.getUserPrincipal().getName());
        long runId = started.run().id();
        if (!wait) {
            return Response.accepted(runsResource.json(started.run())).header("Location", "/api/runs/" + runId).build();
        }
        try {
            return Response.status(Response.Status.CREATED).entity(BackupJson.of(started.backup().get())).build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof BackupFailedException ? e.getCause() : e;
            throw new Problem(Response.Status.INTERNAL_SERVER_ERROR, "Backup failed", cause.getMessage(),
                    Map.of("runId", runId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(Response.Status.SERVICE_UNAVAILABLE, "Interrupted",
                    "Lifeboat is stopping; follow the run at /api/runs/" + runId, Map.of("runId", runId));
        }
    }

    @GET
    @RolesAllowed("viewer")
    public List<BackupJson> list(@PathParam("name") String target) {
        targets.require(target);
        return backups.forTarget(target).stream().map(BackupJson::of).toList();
    }

}
