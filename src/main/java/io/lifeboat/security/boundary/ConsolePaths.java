package io.lifeboat.security.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Which paths belong to the API, which are open to everyone, and where the console's own pages are. */
public final class ConsolePaths {

    public static final String LOGIN = "/login";
    public static final String SETUP = "/setup";
    public static final String LOGOUT = "/logout";
    public static final String HOME = "/";

    private ConsolePaths() {
    }

    public static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** Pages anyone may see, the static resources the pages need, and the server's health, metrics and OpenAPI. */
    public static boolean isPublic(String path) {
        return path.equals(LOGIN) || path.equals(SETUP) || path.equals(LOGOUT) || isStatic(path);
    }

    /** What needs no caller at all: style sheets, scripts, icons, and the server's health, metrics and OpenAPI. */
    public static boolean isStatic(String path) {
        return path.equals("/favicon.ico") || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/resources/") || isServerEndpoint(path, "/health")
                || isServerEndpoint(path, "/metrics") || isServerEndpoint(path, "/openapi");
    }

    private static boolean isServerEndpoint(String path, String endpoint) {
        return path.equals(endpoint) || path.startsWith(endpoint + "/");
    }

    /** A local path to go back to after login; anything else (another host, a scheme) becomes the home page. */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith(LOGIN) || next.startsWith(SETUP) || next.startsWith(LOGOUT)) {
            return HOME;
        }
        return next;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
