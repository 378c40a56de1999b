package io.lifeboat.security.boundary;

import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.ClientAddress;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.util.Set;

/**
 * Records every API call that changes something (any method but GET, HEAD, OPTIONS) in the audit
 * trail: caller, address, the call as the API documents it ({@code POST /api/targets/{name}/backups}),
 * the path it was made on, and how it ended. Request bodies are never recorded: they may hold passwords.
 */
@Provider
public class ApiAudit implements ContainerResponseFilter {

    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Audit audit;
    @Inject
    ClientAddress clientAddress;
    @Context
    ResourceInfo resource;
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READING.contains(request.getMethod())) {
            return;
        }
        var principal = request.getSecurityContext().getUserPrincipal();
        int status = response.getStatus();
        AuditEntry.Result result = status < 400 ? AuditEntry.Result.SUCCESS
                : status == 401 || status == 403 ? AuditEntry.Result.DENIED : AuditEntry.Result.FAILED;
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        audit.record(AuditEntry.of(principal == null ? "anonymous" : principal.getName(),
                clientAddress.of(servletRequest.getRemoteAddr(), servletRequest.getHeader("X-Forwarded-For")),
                request.getMethod() + " " + template(path), "/api" + path, result, "HTTP " + status));
    }

    private String template(String path) {
        if (resource == null || resource.getResourceClass() == null) {
            return "/api" + path;
        }
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path method = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Path.class);
        return "/api/" + trim(type == null ? "" : type.value()) + (method == null ? "" : "/" + trim(method.value()));
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
