package io.lifeboat.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that leaves a resource into {@code application/problem+json}. Unexpected
 * ones are logged with an id the caller can quote; the response never carries a stack trace.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable thrown) {
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (thrown instanceof Problem problem) {
            status = problem.getResponse().getStatus();
            body.put("title", problem.title());
            body.put("detail", problem.getMessage());
            body.putAll(problem.extensions());
        } else if (thrown instanceof jakarta.json.bind.JsonbException || thrown instanceof jakarta.ws.rs.ProcessingException) {
            status = 400;
            body.put("title", "Invalid JSON");
            // the parser's own message may quote the body, which can hold a password: not repeated here
            body.put("detail", "The request body is not valid JSON for this call: check the field names, types "
                    + "and enum values against /openapi.");
        } else if (thrown instanceof WebApplicationException web) {
            status = web.getResponse().getStatus();
            body.put("title", Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase());
            body.put("detail", switch (status) {
                case 401 -> "Send an API token: Authorization: Bearer <token>.";
                case 403 -> "Your token's role does not allow this; ask an admin for a token with the needed role.";
                case 404 -> "Nothing here: see /openapi for the API.";
                case 405 -> "This method is not allowed here: see /openapi for the API.";
                case 415 -> "Send JSON with Content-Type: application/json.";
                default -> web.getMessage();
            });
        } else {
            status = 500;
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, thrown);
            body.put("title", "Internal error");
            body.put("detail", "Lifeboat hit an unexpected error (incident " + incident
                    + "). The server log has the details; nothing was changed by this request.");
        }
        body.put("status", status);
        if (uri != null) {
            body.put("instance", uri.getRequestUri().getPath());
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
