package io.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.Map;

@Path("whoami")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Context
    SecurityContext caller;

    @GET
    @RolesAllowed("viewer")
    public Map<String, Object> whoami() {
        return Map.of("name", caller.getUserPrincipal().getName(), "roles",
                List.of("viewer", "operator", "admin").stream().filter(caller::isUserInRole).toList());
    }
}
