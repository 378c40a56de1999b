package io.lifeboat.runs.boundary;

import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.runs.control.Runs;
import io.lifeboat.runs.entity.Run;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Runs: status, progress and log of backups and restores. */
@Path("runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    @Inject
    Runs runs;

    @Inject
    BackupRuns backupRuns;

    @GET
    @RolesAllowed("viewer")
    public List<RunJson> list(@QueryParam("target") String target, @QueryParam("limit") @DefaultValue("50") int limit) {
        return runs.recent(target, Math.min(Math.max(limit, 1), 500)).stream().map(this::json).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed("viewer")
    public RunJson get(@PathParam("id") long id) {
        return json(runs.require(id));
    }

    public RunJson json(Run run) {
        return backupRuns.progress(run.id())
                .map(p -> RunJson.of(run, new RunJson.Progress(p.phase().name(), p.bytesRead(), p.bytesWritten(),
                        p.bytesPerSecond(), p.elapsed().toMillis() / 1000.0), p.log()))
                .orElseGet(() -> RunJson.of(run, null, null));
    }
}
