package io.lifeboat.security.boundary;

import io.lifeboat.api.ProblemMapper;
import io.lifeboat.security.control.RefusedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refused change to users or tokens as problem details, with the reason and what to do instead. */
@Provider
public class RefusedMapper implements ExceptionMapper<RefusedException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(RefusedException refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", refused.reason().title());
        body.put("detail", refused.getMessage());
        body.put("status", refused.reason().status());
        if (uri != null) {
            body.put("instance", uri.getRequestUri().getPath());
        }
        return Response.status(refused.reason().status()).type(ProblemMapper.PROBLEM_JSON).entity(body).build();
    }
}
