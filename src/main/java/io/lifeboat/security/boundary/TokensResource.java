package io.lifeboat.security.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.security.control.ApiTokens;
import io.lifeboat.security.control.Tokens.Role;
import io.lifeboat.security.entity.ApiToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** API tokens for scripts: created with a role and an expiry (the value is shown once), listed, revoked. */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class TokensResource {

    public record CreateRequest(String name, String role, Integer days) {
    }

    public record TokenJson(String id, String name, String role, String createdBy, OffsetDateTime createdAt,
                            OffsetDateTime expiresAt, OffsetDateTime lastUsed, OffsetDateTime revokedAt,
                            String revokedBy) {
        static TokenJson of(ApiToken t) {
            return new TokenJson(t.id(), t.name(), t.role().name().toLowerCase(), t.createdBy(), t.createdAt(),
                    t.expiresAt(), t.lastUsed(), t.revokedAt(), t.revokedBy());
        }
    }

    /** The only answer that carries a token's value. */
    public record CreatedJson(String token, String note, TokenJson details) {
    }

    @Inject
    ApiTokens tokens;

    @Context
    SecurityContext caller;

    @GET
    public List<TokenJson> list(@QueryParam("revoked") @DefaultValue("false") boolean withRevoked) {
        return tokens.list(withRevoked).stream().map(TokenJson::of).toList();
    }

    @POST
    public Response create(CreateRequest request) {
        if (request == null) {
            throw Problem.badRequest("Send {\"name\": \"deploy-hook\", \"role\": \"operator\", \"days\": 90}.");
        }
        var created = tokens.create(request.name(), Roles.parse(request.role()),
                Duration.ofDays(request.days() == null ? 90 : request.days()), caller.getUserPrincipal().getName());
        return Response.created(URI.create("/api/tokens/" + created.token().id()))
                .entity(new CreatedJson(created.value(), "Copy the token now: Lifeboat shows it only once.",
                        TokenJson.of(created.token())))
                .build();
    }

    @GET
    @Path("{id}")
    public TokenJson get(@PathParam("id") String id) {
        return TokenJson.of(tokens.require(id));
    }

    @DELETE
    @Path("{id}")
    public TokenJson revoke(@PathParam("id") String id) {
        return TokenJson.of(tokens.revoke(id, caller.getUserPrincipal().getName()));
    }
}
