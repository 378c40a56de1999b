package io.lifeboat.destinations.boundary;

import io.lifeboat.destinations.control.DestinationCatalog;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.destinations.control.Probe;
import io.lifeboat.destinations.entity.DestinationConfig;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** Where backups go: list, create, change, delete (refused while in use) and test a destination. */
@Path("destinations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DestinationsResource {

    @Inject
    DestinationCatalog catalog;

    @Inject
    Destinations destinations;

    @GET
    @RolesAllowed("viewer")
    public List<DestinationJson> list() {
        return catalog.all().stream().map(this::json).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed("viewer")
    public DestinationJson get(@PathParam("name") String name) {
        return json(catalog.require(name));
    }

    @POST
    @RolesAllowed("admin")
    public Response create(DestinationRequest request, @Context UriInfo uri) {
        DestinationConfig created = catalog.create(request.name(), request.kind(), request.location());
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(json(created)).build();
    }

    @PUT
    @Path("{name}")
    @RolesAllowed("admin")
    public DestinationJson change(@PathParam("name") String name, DestinationRequest request) {
        return json(catalog.change(name, request.kind(), request.location()));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("name") String name) {
        catalog.delete(name);
        return Response.noContent().build();
    }

    /** Writes, reads back, lists and deletes a probe object; says which step failed and why. */
    @POST
    @Path("{name}/test")
    @RolesAllowed("admin")
    public Probe.Result test(@PathParam("name") String name) {
        catalog.require(name);
        return Probe.run(destinations.open(name));
    }

    private DestinationJson json(DestinationConfig config) {
        return DestinationJson.of(config, catalog.usedBy(config.name()));
    }
}
