package io.lifeboat.security.boundary;

import io.lifeboat.security.control.ApiTokens;
import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.ClientAddress;
import io.lifeboat.security.control.LoginThrottle;
import io.lifeboat.security.control.Users;
import io.lifeboat.security.entity.AuditEntry;
import io.lifeboat.security.entity.User;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;

/**
 * The one authentication mechanism of Lifeboat. {@code /api} takes bearer tokens: Lifeboat-signed JWTs
 * whose id is registered, not revoked and not expired. Everything else is the console: a form login that
 * keeps the user's name in the session and reads the user's role from the catalog on every request, so
 * a disabled user or a changed role takes effect at once. Anonymous pages go to the login page, or to
 * the setup page while there is no user at all.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class LifeboatAuthentication implements HttpAuthenticationMechanism {

    /** Session attribute: the name of the logged-in console user. */
    public static final String SESSION_USER = "lifeboat.user";
    /** Request attribute: why a bearer token was refused, for the API's 401 answer. */
    public static final String TOKEN_REFUSED = "lifeboat.token-refused";
    /** Longer names cannot exist; cut before they reach the throttle and the audit trail. */
    private static final int MAX_NAME = 100;

    @Inject
    Users users;
    @Inject
    ApiTokens tokens;
    @Inject
    LoginThrottle throttle;
    @Inject
    Audit audit;
    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (ConsolePaths.isApi(path)) {
            return api(request, context);
        }
        if (ConsolePaths.isStatic(path)) {
            return context.doNothing();
        }
        if (ConsolePaths.LOGIN.equals(path) && "POST".equals(request.getMethod())) {
            return login(request, context);
        }
        Optional<User> user = sessionUser(request);
        if (user.isPresent()) {
            return context.notifyContainerAboutLogin(user.get().name(), new HashSet<>(user.get().role().impliedRoles()));
        }
        if (ConsolePaths.isPublic(path)) {
            return context.doNothing();
        }
        String target = users.any() ? ConsolePaths.LOGIN + "?next=" + ConsolePaths.encode(pathAndQuery(request, path))
                : ConsolePaths.SETUP;
        return redirect(request, response, context, target);
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return context.doNothing();
        }
        ApiTokens.Check check = tokens.check(header.substring(7), Instant.now());
        if (check instanceof ApiTokens.Check.Accepted accepted) {
            return context.notifyContainerAboutLogin(accepted.token().principalName(),
                    new HashSet<>(accepted.token().role().impliedRoles()));
        }
        String reason = ((ApiTokens.Check.Refused) check).reason();
        request.setAttribute(TOKEN_REFUSED, reason);
        audit.record(AuditEntry.of("anonymous", address(request), "api.token", request.getRequestURI(),
                AuditEntry.Result.DENIED, reason));
        return context.doNothing();
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context) {
        String name = Optional.ofNullable(request.getParameter("name")).map(String::strip)
                .map(n -> n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n).orElse("");
        String password = Optional.ofNullable(request.getParameter("password")).orElse("");
        String next = ConsolePaths.safeNext(request.getParameter("next"));
        String address = address(request);
        String back = "&next=" + ConsolePaths.encode(next) + "&name=" + ConsolePaths.encode(name);
        Instant now = Instant.now();
        if (throttle.check(name, address, now) instanceof LoginThrottle.Verdict.Refused refused) {
            audit.record(AuditEntry.of(name, address, "login", null, AuditEntry.Result.DENIED,
                    "too many failed logins; refused until " + refused.retryAt()));
            return context.redirect(request.getContextPath() + ConsolePaths.LOGIN + "?retry="
                    + refused.retryAt().getEpochSecond() + back);
        }
        Optional<User> user = users.authenticate(name, password.toCharArray());
        if (user.isEmpty()) {
            throttle.recordFailure(name, address, now);
            audit.record(AuditEntry.of(name, address, "login", null, AuditEntry.Result.DENIED,
                    "wrong name or password, or a disabled user"));
            return context.redirect(request.getContextPath() + ConsolePaths.LOGIN + "?failed" + back);
        }
        throttle.forget(name);
        startSession(request, user.get().name());
        audit.record(AuditEntry.of(name, address, "login", null, AuditEntry.Result.SUCCESS, null));
        return context.redirect(request.getContextPath() + next);
    }

    /** A fresh session for the logged-in user (never one that existed before the login). */
    static void startSession(HttpServletRequest request, String name) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(SESSION_USER, name);
    }

    private Optional<User> sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SESSION_USER) instanceof String name)) {
            return Optional.empty();
        }
        Optional<User> user = users.find(name).filter(User::enabled);
        if (user.isEmpty()) {
            session.invalidate();
        }
        return user;
    }

    private String address(HttpServletRequest request) {
        return clientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    private static String pathAndQuery(HttpServletRequest request, String path) {
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    /** A redirect a browser follows, also from a Faces Ajax request (which needs it as a partial response). */
    private static AuthenticationStatus redirect(HttpServletRequest request, HttpServletResponse response,
                                                 HttpMessageContext context, String target) {
        String location = request.getContextPath() + target;
        if (!"partial/ajax".equals(request.getHeader("Faces-Request"))) {
            return context.redirect(location);
        }
        try {
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + location.replace("&", "&amp;").replace("\"", "&quot;") + "\"/></partial-response>");
            return AuthenticationStatus.SEND_CONTINUE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
