package io.lifeboat.backups.boundary;

import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.control.BackupRemoval;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


/** Backups: read one and its manifest, pin, delete. */
@Path("backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {

    @Inject
    Backups backups;
    @Inject
    BackupRemoval removal;

    @GET
    @Path("{id}")
    @RolesAllowed("viewer")
    public BackupJson get(@PathParam("id") String id) {
        return BackupJson.of(backups.require(id));
    }

    @GET
    @Path("{id}/manifest")
    @RolesAllowed("viewer")
    public Response manifest(@PathParam("id") String id) {
        return Response.ok(backups.require(id).manifest(), MediaType.APPLICATION_JSON).build();
    }

    @PUT
    @Path("{id}/pin")
    @RolesAllowed("operator")
    public BackupJson pin(@PathParam("id") String id) {
        return BackupJson.of(backups.pin(id, true));
    }

    @DELETE
    @Path("{id}/pin")
    @RolesAllowed("admin")
    public BackupJson unpin(@PathParam("id") String id) {
        return BackupJson.of(backups.pin(id, false));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("id") String id) {
        removal.delete(backups.require(id));
        return Response.noContent().build();
    }
}
