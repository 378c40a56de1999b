package io.lifeboat.it.console;

import io.lifeboat.it.LifeboatServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A console login without a browser, for the role matrix: the session cookie of a form login. */
final class ConsoleSession {

    private final LifeboatServer lifeboat;
    private String cookie = "";
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private ConsoleSession(LifeboatServer lifeboat) {
        this.lifeboat = lifeboat;
    }

    static ConsoleSession logIn(LifeboatServer lifeboat, String name, String password) {
        var session = new ConsoleSession(lifeboat);
        var reply = session.send(HttpRequest.newBuilder(lifeboat.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2F")));
        String location = reply.headers().firstValue("Location").orElse("");
        session.cookie = reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst().orElse("");
        if (reply.statusCode() / 100 != 3 || location.contains("/login")) {
            throw new IllegalStateException(name + " could not log in: " + reply.statusCode() + " " + location);
        }
        return session;
    }

    /** Status and body of a GET of a console page. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(lifeboat.uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            if (!cookie.isEmpty()) {
                request.header("Cookie", cookie);
            }
            return http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
