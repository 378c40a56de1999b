package io.lifeboat.security.boundary;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The plain HTML frame of the login, setup and logout pages (they work without the console's scripts). */
final class Page {

    private Page() {
    }

    static void write(HttpServletResponse response, String title, String body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
                <title>%s · Lifeboat</title></head>
                <body class="lifeboat-login"><main><h1>Lifeboat</h1><h2>%s</h2>
                %s
                </main></body></html>
                """.formatted(escape(title), escape(title), body));
    }

    static String message(String css, String text) {
        return text == null ? "" : "<p class=\"" + css + "\" role=\"alert\">" + escape(text) + "</p>\n";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
