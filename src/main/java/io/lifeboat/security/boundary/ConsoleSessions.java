package io.lifeboat.security.boundary;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Set;

/**
 * Console sessions: a timeout ({@code lifeboat.console.session-timeout}, 30 minutes), and a cookie that
 * scripts cannot read (HttpOnly), other sites cannot send (SameSite=Strict) and plain HTTP does not carry
 * (Secure; {@code lifeboat.console.secure-cookies=false} for local use over plain HTTP).
 */
@WebListener
public class ConsoleSessions implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig();
        Duration timeout = config.getOptionalValue("lifeboat.console.session-timeout", Duration.class)
                .orElse(Duration.ofMinutes(30));
        boolean secure = config.getOptionalValue("lifeboat.console.secure-cookies", Boolean.class).orElse(true);
        ServletContext context = event.getServletContext();
        context.setSessionTimeout((int) Math.max(1, timeout.toMinutes()));
        context.setSessionTrackingModes(Set.of(SessionTrackingMode.COOKIE));
        var cookie = context.getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setAttribute("SameSite", "Strict");
    }
}
