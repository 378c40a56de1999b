package io.lifeboat.destinations.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Requests to Microsoft Graph with the house rules: a bearer token from {@link MicrosoftLogin} (fetched again once
 * when Graph answers 401), throttling (429, 503) honoured by waiting what {@code Retry-After} says, other 5xx
 * answers and network errors retried with exponential back-off and jitter, up to the location's attempts.
 */
final class GraphClient {

    /** Longer waits than this are not waited out: the request fails and says so. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private final OneDriveLocation location;
    private final MicrosoftLogin login;
    private final HttpClient http;

    GraphClient(OneDriveLocation location, MicrosoftLogin login, HttpClient http) {
        this.location = location;
        this.login = login;
        this.http = http;
    }

    static HttpClient httpClient(OneDriveLocation location) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(location.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpClient http() {
        return http;
    }

    MicrosoftLogin login() {
        return login;
    }

    /** {@code path} under the Graph endpoint's {@code /v1.0}, already encoded. */
    URI api(String path) {
        return URI.create(location.graph().toString().replaceAll("/+$", "") + "/v1.0" + path);
    }

    /** An authorized request answered as text; the answer may be any status but 401, 429 and 5xx after retries. */
    HttpResponse<String> call(HttpRequest.Builder request, String action) throws IOException {
        return call(request, HttpResponse.BodyHandlers.ofString(), action, true);
    }

    /**
     * Sends {@code request} (with a bearer token when {@code authorized}: pre-authenticated upload and download
     * URLs must not get one), retrying as the class says.
     */
    <T> HttpResponse<T> call(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String action,
                             boolean authorized) throws IOException {
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder copy = request.copy().timeout(location.timeout());
            String token = null;
            if (authorized) {
                token = login.accessToken();
                copy.setHeader("Authorization", "Bearer " + token);
            }
            HttpResponse<T> response;
            try {
                response = once(copy.build(), handler);
            } catch (IOException e) {
                if (attempt >= location.attempts()) {
                    throw GraphFailures.unreachable(location, action, e);
                }
                pause(Optional.empty(), attempt);
                continue;
            }
            int status = response.statusCode();
            if (status == 401 && authorized && !renewed) {
                discard(response);
                login.renew(token);
                renewed = true;
                attempt--; // a refused token is not a failed attempt
                continue;
            }
            if (!retryable(status) || attempt >= location.attempts()) {
                return response;
            }
            discard(response);
            pause(retryAfter(response), attempt);
        }
    }

    /** One try, no retries. */
    <T> HttpResponse<T> once(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while calling Microsoft Graph");
        }
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500 && status != 501 && status != 507;
    }

    /** Waits what {@code Retry-After} says, or else an exponentially growing time with jitter. */
    static void pause(Optional<Duration> retryAfter, int attempt) throws IOException {
        Duration wait = retryAfter.orElseGet(() -> {
            long ceiling = Math.min(30_000, 500L << Math.min(attempt - 1, 10));
            return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        });
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            throw new IOException("Microsoft Graph asks to wait " + wait.toSeconds() + " s before the next request "
                    + "(Retry-After), more than Lifeboat waits within one request: the account is throttled. "
                    + "Retry later, or back up less often to this OneDrive destination.");
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry a request to Microsoft Graph");
        }
    }

    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: back off as usual
            }
        });
    }

    /** Reads an answer's body as text, whatever the handler was. */
    static String text(HttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return body == null ? "" : body.toString();
    }

    static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped instead of reused
            }
        }
    }
}
