package io.lifeboat.security.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The login's way back never leaves Lifeboat, and only the listed paths are open to anonymous callers. */
class ConsolePathsTest {

    @Test
    void afterLoginOnlyLocalPathsAreFollowed() {
        assertEquals("/targets/index.xhtml?x=1", ConsolePaths.safeNext("/targets/index.xhtml?x=1"));
        assertEquals("/", ConsolePaths.safeNext(null));
        assertEquals("/", ConsolePaths.safeNext("https://evil.example/"));
        assertEquals("/", ConsolePaths.safeNext("//evil.example/"));
        assertEquals("/", ConsolePaths.safeNext("/\\evil.example/"));
        assertEquals("/", ConsolePaths.safeNext("/login?next=/x"));
        assertEquals("/", ConsolePaths.safeNext("/logout"));
    }

    @Test
    void onlyLoginSetupLogoutAndResourcesArePublic() {
        for (String open : new String[]{"/login", "/setup", "/logout", "/favicon.ico", "/health/ready",
                "/jakarta.faces.resource/theme.css.xhtml", "/resources/lifeboat.css", "/metrics", "/openapi"}) {
            assertTrue(ConsolePaths.isPublic(open), open);
        }
        for (String closed : new String[]{"/", "/index.xhtml", "/login.xhtml", "/healthy", "/users/index.xhtml",
                "/setup/x", "/resourcesx"}) {
            assertFalse(ConsolePaths.isPublic(closed), closed);
        }
        assertTrue(ConsolePaths.isApi("/api/targets"));
        assertTrue(ConsolePaths.isApi("/api"));
        assertFalse(ConsolePaths.isApi("/apis"));
    }
}
