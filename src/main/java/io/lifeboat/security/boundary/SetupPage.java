package io.lifeboat.security.boundary;

import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.ClientAddress;
import io.lifeboat.security.control.RefusedException;
import io.lifeboat.security.control.Users;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one-time setup: while there is no user, it creates the first admin and logs them in. Once a user
 * exists it only sends visitors to the login page.
 */
@WebServlet(ConsolePaths.SETUP)
public class SetupPage extends HttpServlet {

    @Inject
    Users users;
    @Inject
    Audit audit;
    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (users.any()) {
            response.sendRedirect(request.getContextPath() + ConsolePaths.LOGIN + "?setup");
            return;
        }
        form(request, response, null, request.getParameter("name"));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = Objects.requireNonNullElse(request.getParameter("name"), "").strip();
        char[] password = Objects.requireNonNullElse(request.getParameter("password"), "").toCharArray();
        char[] repeated = Objects.requireNonNullElse(request.getParameter("repeat"), "").toCharArray();
        if (!Arrays.equals(password, repeated)) {
            form(request, response, "The two passwords differ: type the same password twice.", name);
            return;
        }
        try {
            if (!users.createFirstAdmin(name, password)) {
                response.sendRedirect(request.getContextPath() + ConsolePaths.LOGIN + "?setup");
                return;
            }
        } catch (RefusedException e) {
            form(request, response, e.getMessage(), name);
            return;
        }
        audit.record(AuditEntry.of(name, clientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")),
                "user.create", name, AuditEntry.Result.SUCCESS, "first admin, created on the setup page"));
        LifeboatAuthentication.startSession(request, name);
        response.sendRedirect(request.getContextPath() + ConsolePaths.HOME);
    }

    private static void form(HttpServletRequest request, HttpServletResponse response, String error, String name)
            throws IOException {
        if (error != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        Page.write(response, "Set up Lifeboat", Page.message("error", error)
                + "<p>Lifeboat has no user yet. Choose the name and password of its first admin; "
                + "this page disappears once the admin exists.</p>\n"
                + "<form method=\"post\" action=\"" + Page.escape(request.getContextPath() + ConsolePaths.SETUP) + "\">\n"
                + "<p><label for=\"name\">Name</label><br><input id=\"name\" name=\"name\" autocomplete=\"username\" "
                + "required autofocus value=\"" + Page.escape(name) + "\"></p>\n"
                + "<p><label for=\"password\">Password (at least " + Users.MIN_PASSWORD_LENGTH + " characters)</label><br>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required></p>\n"
                + "<p><label for=\"repeat\">Password again</label><br>"
                + "<input id=\"repeat\" name=\"repeat\" type=\"password\" autocomplete=\"new-password\" required></p>\n"
                + "<p><button type=\"submit\" id=\"create\">Create the admin</button></p>\n</form>");
    }
}
