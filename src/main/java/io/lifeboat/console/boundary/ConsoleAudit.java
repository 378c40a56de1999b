package io.lifeboat.console.boundary;

import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.ClientAddress;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Records what a console user did, from where, in the audit log (never a secret). */
@RequestScoped
public class ConsoleAudit {

    @Inject
    Audit audit;
    @Inject
    ClientAddress clientAddress;
    @Inject
    ConsoleUser user;

    public void success(String action, String object, String details) {
        record(action, object, AuditEntry.Result.SUCCESS, details);
    }

    public void failure(String action, String object, String details) {
        record(action, object, AuditEntry.Result.FAILED, details);
    }

    private void record(String action, String object, AuditEntry.Result result, String details) {
        var request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        audit.record(AuditEntry.of(user.initiator(), clientAddress.of(request.getRemoteAddr(),
                request.getHeader("X-Forwarded-For")), action, object, result, details));
    }
}
