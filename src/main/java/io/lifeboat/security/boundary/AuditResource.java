package io.lifeboat.security.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.security.control.Audit;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit trail, newest first, filtered by actor, action (a prefix) and time. Admins only. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AuditResource {

    @Inject
    Audit audit;

    @GET
    public List<AuditEntry> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.search(new Audit.Query(blankToNull(actor), blankToNull(action), instant("from", from),
                instant("to", to), limit));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(String parameter, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("'" + parameter + "' is a time with offset, e.g. 2026-12-01T14:00:00Z.");
        }
    }
}
