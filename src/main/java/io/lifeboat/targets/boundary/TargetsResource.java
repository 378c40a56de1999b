package io.lifeboat.targets.boundary;

import io.lifeboat.schedules.control.Schedules;
import io.lifeboat.targets.control.ConnectionCheck;
import io.lifeboat.targets.control.Targets;
import io.lifeboat.targets.entity.Target;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Targets: the databases Lifeboat protects. */
@Path("targets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TargetsResource {

    @Inject
    Targets targets;

    @Inject
    Schedules schedules;

    @Inject
    ConnectionCheck connectionCheck;

    @Inject
    DefaultDestination defaultDestination;

    @GET
    @RolesAllowed("viewer")
    public List<TargetJson> list() {
        return targets.all().stream().map(this::json).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed("viewer")
    public TargetJson get(@PathParam("name") String name) {
        return json(targets.require(name));
    }

    @POST
    @RolesAllowed("admin")
    public Response create(TargetRequest request, @Context UriInfo uri) {
        Target created = targets.create(request, defaultDestination.name());
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(json(created)).build();
    }

    @PUT
    @Path("{name}")
    @RolesAllowed("admin")
    public TargetJson update(@PathParam("name") String name, TargetRequest request) {
        return json(targets.update(name, request));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("name") String name) {
        targets.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/test")
    @RolesAllowed("admin")
    public ConnectionCheck.Result test(@PathParam("name") String name) {
        return connectionCheck.check(targets.login(targets.require(name)));
    }

    private TargetJson json(Target target) {
        var now = ZonedDateTime.now();
        return TargetJson.of(target, schedules.forTarget(target.name()).stream()
                .map(s -> new TargetJson.ScheduleJson(s.id(), s.cron(), s.zone(), s.enabled(), s.lastSlot(),
                        schedules.next(s, now.withZoneSameInstant(ZoneId.of(s.zone())))
                                .map(ZonedDateTime::toOffsetDateTime).orElse(null)))
                .toList());
    }
}
