package io.lifeboat.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's login over plain HTTP, as a browser does it: form posts, redirects and the session
 * cookie, handled by hand so that every step can be checked. The first test needs a Lifeboat without
 * users (the shared one: no other test creates users).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginIT {

    static final String ADMIN = "root";
    static final String PASSWORD = "a long enough passphrase";

    static LifeboatServer lifeboat;
    static final HttpClient http = HttpClient.newHttpClient();

    record Page(int status, String location, String cookie, String setCookie, String body) {
    }

    @BeforeAll
    static void start() {
        lifeboat = LifeboatServer.shared();
    }

    @Test
    @Order(1)
    void withoutUsersEveryPageLeadsToTheSetupWhichCreatesTheFirstAdminOnce() {
        var users = lifeboat.get("/api/users");
        assertEquals("[]", users.body().strip(), "this test needs a Lifeboat without users");
        assertTrue(get("/", null).location().endsWith("/setup"));
        assertTrue(get("/login", null).location().endsWith("/setup"));
        assertTrue(get("/setup", null).body().contains("Create the admin"));

        var differ = post("/setup", Map.of("name", ADMIN, "password", PASSWORD, "repeat", PASSWORD + "x"), null);
        assertEquals(400, differ.status());
        assertTrue(differ.body().contains("The two passwords differ"), differ.body());
        var tooShort = post("/setup", Map.of("name", ADMIN, "password", "short", "repeat", "short"), null);
        assertTrue(tooShort.body().contains("at least 12 characters"), tooShort.body());

        var created = post("/setup", Map.of("name", ADMIN, "password", PASSWORD, "repeat", PASSWORD), null);
        assertEquals(302, created.status());
        assertTrue(created.location().endsWith("/"), created.location());
        String flags = created.setCookie().toLowerCase();
        assertTrue(flags.contains("httponly") && flags.contains("samesite=strict") && flags.contains("secure"), flags);
        assertTrue(get("/login", created.cookie()).location().endsWith("/"), "the new admin is logged in");

        assertTrue(get("/setup", null).location().contains("/login"), "the setup page is gone");
        var again = post("/setup", Map.of("name", "intruder", "password", PASSWORD, "repeat", PASSWORD), null);
        assertTrue(again.location().contains("/login"));
        assertEquals(404, lifeboat.get("/api/users/intruder").status());
        assertEquals("admin", lifeboat.get("/api/users/" + ADMIN).json().getString("role"));
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedTheRightOneOpensASessionAndLogoutEndsIt() {
        var anonymous = get("/targets/index.xhtml?x=1", null);
        assertEquals(302, anonymous.status());
        assertTrue(anonymous.location().endsWith("/login?next=%2Ftargets%2Findex.xhtml%3Fx%3D1"), anonymous.location());
        var form = get("/login?next=%2Ftargets%2Findex.xhtml", null);
        assertEquals(200, form.status());
        assertTrue(form.body().contains("name=\"password\""), form.body());

        var wrong = post("/login", Map.of("name", ADMIN, "password", "not the password", "next", "/targets/"), null);
        assertEquals(302, wrong.status());
        assertTrue(wrong.location().contains("failed"), wrong.location());
        assertEquals(null, wrong.cookie(), "no session for a failed login");
        assertTrue(get(path(wrong.location()), null).body().contains("Wrong name or password"));

        var right = post("/login", Map.of("name", ADMIN, "password", PASSWORD, "next", "/targets/"), null);
        assertEquals(302, right.status());
        assertTrue(right.location().endsWith("/targets/"), right.location());
        String session = right.cookie();
        assertTrue(get("/login", session).location().endsWith("/"), "logged in: the login page sends you on");
        assertNotEquals(302, get("/targets/", session).status(), "a page opens with the session");
        assertEquals(401, sendApi(session).statusCode(), "the session cookie is no key to the API");

        var out = post("/logout", Map.of(), session);
        assertTrue(out.location().endsWith("/login?out"), out.location());
        assertEquals(200, get("/login", session).status(), "after logout the old cookie is worth nothing");
        assertTrue(get("/targets/", session).location().contains("/login"));

        var audit = lifeboat.get("/api/audit?actor=" + ADMIN + "&action=login");
        assertTrue(audit.body().contains("\"DENIED\"") && audit.body().contains("\"SUCCESS\""), audit.body());
    }

    @Test
    @Order(3)
    void fiveWrongPasswordsMakeTheNameWaitAndSayUntilWhen() {
        var user = lifeboat.post("/api/users", "{\"name\": \"guessed\", \"password\": \"" + PASSWORD + "\", \"role\": \"viewer\"}");
        assertEquals(201, user.status(), user.body());
        for (int i = 0; i < 5; i++) {
            assertTrue(post("/login", Map.of("name", "guessed", "password", "guess " + i), null).location().contains("failed"));
        }
        var refused = post("/login", Map.of("name", "guessed", "password", PASSWORD), null);
        assertTrue(refused.location().contains("retry="), refused.location());
        assertEquals(null, refused.cookie(), "even the right password waits");
        assertTrue(get(path(refused.location()), null).body().contains("Too many failed logins. Try again after"));
    }

    @Test
    @Order(4)
    void disablingAUserEndsTheirSessionAtOnce() {
        var user = lifeboat.post("/api/users", "{\"name\": \"leaver\", \"password\": \"" + PASSWORD + "\", \"role\": \"operator\"}");
        assertEquals(201, user.status(), user.body());
        String session = post("/login", Map.of("name", "leaver", "password", PASSWORD), null).cookie();
        assertTrue(get("/login", session).location().endsWith("/"));

        assertEquals(200, lifeboat.put("/api/users/leaver", "{\"disabled\": true}").status());
        assertEquals(200, get("/login", session).status(), "the disabled user's session is over");
        var again = post("/login", Map.of("name", "leaver", "password", PASSWORD), null);
        assertTrue(again.location().contains("failed"), again.location());
        assertFalse(lifeboat.get("/api/audit?action=PUT").body().isEmpty());
    }

    private static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    private static Page get(String path, String cookie) {
        var request = HttpRequest.newBuilder(lifeboat.uri(path)).GET();
        return send(request, cookie);
    }

    private static Page post(String path, Map<String, String> form, String cookie) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(lifeboat.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, cookie);
    }

    private static HttpResponse<String> sendApi(String cookie) {
        try {
            return http.send(HttpRequest.newBuilder(lifeboat.uri("/api/whoami")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Page send(HttpRequest.Builder request, String cookie) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String setCookie = response.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse(null);
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                    setCookie == null ? null : setCookie.split(";", 2)[0], setCookie, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
