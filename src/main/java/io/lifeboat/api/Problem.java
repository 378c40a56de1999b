package io.lifeboat.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * An error the caller can act on, sent as RFC 9457 problem details: a title, what happened and
 * what to do next, and extra members (such as the id of the run that is in the way).
 */
public class Problem extends WebApplicationException {

    private final String title;
    private final Map<String, Object> extensions;

    public Problem(Response.Status status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public Problem(Response.Status status, String title, String detail, Map<String, Object> extensions) {
        super(detail, status);
        this.title = title;
        this.extensions = extensions;
    }

    public static Problem notFound(String what, String name) {
        return new Problem(Response.Status.NOT_FOUND, what + " not found",
                "There is no " + what.toLowerCase() + " '" + name + "'. List them with GET /api/"
                        + what.toLowerCase() + "s.");
    }

    public static Problem badRequest(String detail) {
        return new Problem(Response.Status.BAD_REQUEST, "Invalid request", detail);
    }

    public static Problem conflict(String title, String detail, Map<String, Object> extensions) {
        return new Problem(Response.Status.CONFLICT, title, detail, extensions);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
