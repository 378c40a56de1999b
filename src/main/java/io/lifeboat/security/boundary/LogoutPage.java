package io.lifeboat.security.boundary;

import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.ClientAddress;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/** Ends the console session and goes back to the login page. */
@WebServlet(ConsolePaths.LOGOUT)
public class LogoutPage extends HttpServlet {

    @Inject
    Audit audit;
    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            if (session.getAttribute(LifeboatAuthentication.SESSION_USER) instanceof String name) {
                audit.record(AuditEntry.of(name, clientAddress.of(request.getRemoteAddr(),
                        request.getHeader("X-Forwarded-For")), "logout", null, AuditEntry.Result.SUCCESS, null));
            }
            session.invalidate();
        }
        request.logout();
        response.sendRedirect(request.getContextPath() + ConsolePaths.LOGIN + "?out");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        doPost(request, response);
    }
}
