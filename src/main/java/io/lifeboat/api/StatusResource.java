package io.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;

@Path("whoami")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    JsonWebToken caller;

    @GET
    @RolesAllowed("viewer")
    public Map<String, Object> whoami() {
        return Map.of("name", caller.getName(), "roles", caller.getGroups());
    }
}
