package io.lifeboat.security.boundary;

import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.ClientAddress;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Audit records for what console pages do (the API records itself): the logged-in user and the client
 * address come from the current request. Say what was done, never a password or key.
 */
@RequestScoped
public class ConsoleAudit {

    @Inject
    HttpServletRequest request;
    @Inject
    Audit audit;
    @Inject
    ClientAddress clientAddress;

    public void succeeded(String action, String object, String details) {
        record(action, object, AuditEntry.Result.SUCCESS, details);
    }

    public void failed(String action, String object, String reason) {
        record(action, object, AuditEntry.Result.FAILED, reason);
    }

    public void record(String action, String object, AuditEntry.Result result, String details) {
        var caller = request.getUserPrincipal();
        audit.record(AuditEntry.of(caller == null ? "anonymous" : caller.getName(),
                clientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")),
                "console." + action, object, result, details));
    }
}
