package io.lifeboat.destinations.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonException;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Access tokens for Microsoft Graph from the OAuth 2.0 refresh-token grant of the Microsoft identity platform
 * ({@code POST {login}/{tenant}/oauth2/v2.0/token}). A token is kept until a minute before it expires, or until
 * Graph refuses it ({@link #renew}). When the answer carries a new refresh token (Microsoft rotates them), it
 * replaces the old one and is handed to {@code onRotation}, which stores it so the next start uses it.
 */
final class MicrosoftLogin {

    static final String SCOPE = "offline_access Files.ReadWrite";
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final OneDriveLocation location;
    private final String clientId;
    private final String clientSecret;
    private final Consumer<String> onRotation;
    private final HttpClient http;
    private final Clock clock;
    private String refreshToken;
    private String accessToken;
    private Instant expiresAt = Instant.MIN;

    MicrosoftLogin(OneDriveLocation location, OneDriveCredentials credentials, Consumer<String> onRotation,
                   HttpClient http, Clock clock) {
        this.location = location;
        this.clientId = credentials.clientId();
        this.clientSecret = credentials.clientSecret();
        this.refreshToken = credentials.refreshToken();
        this.onRotation = onRotation;
        this.http = http;
        this.clock = clock;
    }

    /** A valid access token, fetched when none is cached or the cached one is about to expire. */
    synchronized String accessToken() throws IOException {
        if (accessToken == null || !clock.instant().isBefore(expiresAt.minus(MARGIN))) {
            redeem();
        }
        return accessToken;
    }

    /** Drops {@code refused} (if it is still the cached token) so the next call fetches a new one. */
    synchronized void renew(String refused) {
        if (refused.equals(accessToken)) {
            accessToken = null;
        }
    }

    private void redeem() throws IOException {
        String form = form(Map.of("client_id", clientId, "client_secret", clientSecret, "grant_type", "refresh_token",
                "refresh_token", refreshToken, "scope", SCOPE));
        HttpRequest request = HttpRequest.newBuilder(location.tokenEndpoint()).timeout(location.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        JsonObject body = json(response.body());
        if (response.statusCode() != 200 || !body.containsKey("access_token")) {
            throw refused(response.statusCode(), body);
        }
        accessToken = body.getString("access_token");
        expiresAt = clock.instant().plusSeconds(body.getJsonNumber("expires_in").longValue());
        String rotated = body.getString("refresh_token", null);
        if (rotated != null && !rotated.equals(refreshToken)) {
            refreshToken = rotated;
            onRotation.accept(rotated);
        }
    }

    /** Sends the token request, retrying throttling, server errors and network errors as {@link GraphClient} does. */
    private HttpResponse<String> send(HttpRequest request) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (!GraphClient.retryable(response.statusCode()) || attempt >= location.attempts()) {
                    return response;
                }
                GraphClient.pause(GraphClient.retryAfter(response), attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("Interrupted while signing in to Microsoft");
            } catch (java.io.InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (attempt >= location.attempts()) {
                    throw new IOException("Could not reach " + location.login() + " to sign in to Microsoft for the "
                            + "OneDrive folder /" + location.folder() + ": check the network and any proxy (" + e + ").", e);
                }
                GraphClient.pause(Optional.empty(), attempt);
            }
        }
    }

    private IOException refused(int status, JsonObject body) {
        String error = body.getString("error", "HTTP " + status);
        String description = body.getString("error_description", "no details").lines().findFirst().orElse("");
        String next = switch (error) {
            case "invalid_grant", "interaction_required", "consent_required" ->
                    "the refresh token in alias '" + location.refreshTokenAlias() + "' is expired, revoked or was "
                            + "issued to another app. Give the consent again (see the README, \"OneDrive\") and store "
                            + "the new refresh token under that alias";
            case "invalid_client", "unauthorized_client" ->
                    "check that the aliases '" + location.clientIdAlias() + "' and '" + location.clientSecretAlias()
                            + "' hold the client id and a current client secret of the app registration";
            case "invalid_request", "invalid_scope" ->
                    "check the app registration allows the delegated permissions " + SCOPE
                            + " and that tenant '" + location.tenant() + "' is right";
            default -> "retry later; if it persists, check the tenant '" + location.tenant() + "' and the app registration";
        };
        return new IOException("Microsoft refused to sign in for the OneDrive folder /" + location.folder() + " ("
                + error + ": " + description + "): " + next + ".");
    }

    static JsonObject json(String text) {
        if (text == null || text.isBlank()) {
            return Json.createObjectBuilder().build();
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | ClassCastException e) {
            return Json.createObjectBuilder().build();
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
