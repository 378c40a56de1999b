package io.lifeboat.security.boundary;

import io.lifeboat.security.control.Users;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The login form. Its POST is handled by {@link LifeboatAuthentication}, which comes back here with
 * {@code ?failed} or {@code ?retry=<epoch second>} when the login did not succeed.
 */
@WebServlet(ConsolePaths.LOGIN)
public class LoginPage extends HttpServlet {

    @Inject
    Users users;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!users.any()) {
            response.sendRedirect(request.getContextPath() + ConsolePaths.SETUP);
            return;
        }
        if (request.getUserPrincipal() != null) {
            response.sendRedirect(request.getContextPath() + ConsolePaths.safeNext(request.getParameter("next")));
            return;
        }
        String next = ConsolePaths.safeNext(request.getParameter("next"));
        String name = request.getParameter("name");
        Page.write(response, "Log in", message(request)
                + "<form method=\"post\" action=\"" + Page.escape(request.getContextPath() + ConsolePaths.LOGIN) + "\">\n"
                + "<input type=\"hidden\" name=\"next\" value=\"" + Page.escape(next) + "\">\n"
                + "<p><label for=\"name\">Name</label><br><input id=\"name\" name=\"name\" autocomplete=\"username\" "
                + "required autofocus value=\"" + Page.escape(name) + "\"></p>\n"
                + "<p><label for=\"password\">Password</label><br><input id=\"password\" name=\"password\" "
                + "type=\"password\" autocomplete=\"current-password\" required></p>\n"
                + "<p><button type=\"submit\" id=\"login\">Log in</button></p>\n</form>");
    }

    private static String message(HttpServletRequest request) {
        if (request.getParameter("failed") != null) {
            return Page.message("error", "Wrong name or password. Check both (the password is case-sensitive) "
                    + "and try again; an admin can set a new password for you.");
        }
        if (request.getParameter("retry") != null) {
            try {
                Instant retryAt = Instant.ofEpochSecond(Long.parseLong(request.getParameter("retry")));
                long seconds = Math.max(1, Duration.between(Instant.now(), retryAt).toSeconds());
                return Page.message("error", "Too many failed logins. Try again after "
                        + DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").format(retryAt.atOffset(ZoneOffset.UTC))
                        + " (in " + seconds + " s).");
            } catch (NumberFormatException e) {
                return Page.message("error", "Too many failed logins. Try again in a few minutes.");
            }
        }
        if (request.getParameter("out") != null) {
            return Page.message("info", "You are logged out.");
        }
        if (request.getParameter("setup") != null) {
            return Page.message("info", "Lifeboat is set up already: log in.");
        }
        return "";
    }
}
