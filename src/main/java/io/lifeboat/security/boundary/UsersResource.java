package io.lifeboat.security.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.security.control.Users;
import io.lifeboat.security.entity.User;
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

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/** Console users: created with a role, changed (role, language, password, disabled), deleted. Admins only. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class UsersResource {

    /** Password is write-only. */
    public record UserRequest(String name, String password, String role, String language, Boolean disabled) {
        @Override
        public String toString() {
            return "user " + name;
        }
    }

    public record UserJson(String name, String role, String language, OffsetDateTime createdAt, boolean disabled,
                           OffsetDateTime disabledAt) {
        static UserJson of(User u) {
            return new UserJson(u.name(), u.role().name().toLowerCase(), u.language(), u.createdAt(), !u.enabled(),
                    u.disabledAt());
        }
    }

    @Inject
    Users users;

    @GET
    public List<UserJson> list() {
        return users.list().stream().map(UserJson::of).toList();
    }

    @GET
    @Path("{name}")
    public UserJson get(@PathParam("name") String name) {
        return UserJson.of(users.require(name));
    }

    @POST
    public Response create(UserRequest request) {
        if (request == null) {
            throw Problem.badRequest("Send {\"name\": \"alice\", \"password\": \"…\", \"role\": \"viewer\"}.");
        }
        User created = users.create(request.name(), request.password() == null ? null : request.password().toCharArray(),
                Roles.parse(request.role()), request.language());
        return Response.created(URI.create("/api/users/" + created.name())).entity(UserJson.of(created)).build();
    }

    /** Changes what the request names; members left out stay as they are. */
    @PUT
    @Path("{name}")
    public UserJson update(@PathParam("name") String name, UserRequest request) {
        if (request == null) {
            throw Problem.badRequest("Send the members to change: role, language, password, disabled.");
        }
        users.require(name);
        if (request.role() != null) {
            users.changeRole(name, Roles.parse(request.role()));
        }
        if (request.language() != null) {
            users.changeLanguage(name, request.language());
        }
        if (request.password() != null) {
            users.changePassword(name, request.password().toCharArray());
        }
        if (request.disabled() != null) {
            if (request.disabled()) {
                users.disable(name);
            } else {
                users.enable(name);
            }
        }
        return UserJson.of(users.require(name));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        users.delete(name);
        return Response.noContent().build();
    }
}
