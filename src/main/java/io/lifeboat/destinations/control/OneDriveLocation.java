package io.lifeboat.destinations.control;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where a OneDrive destination is, as written in a destination's {@code location}:
 * <pre>
 * onedrive:/FOLDER[/SUBFOLDER…]?tenant=T&amp;clientIdAlias=C&amp;clientSecretAlias=S&amp;refreshTokenAlias=R
 *     [&amp;chunkKiB=10240][&amp;attempts=5][&amp;timeoutSeconds=60][&amp;graph=URL][&amp;login=URL]
 * </pre>
 * <ul>
 * <li>{@code tenant} (required): the directory (tenant) id or domain of the account, or {@code consumers} for a
 *     personal Microsoft account, {@code common} for either.</li>
 * <li>{@code clientIdAlias}, {@code clientSecretAlias}, {@code refreshTokenAlias} (required): secret aliases
 *     holding the app registration's client id and secret and the refresh token of the one-time consent; the
 *     values never appear in the location.</li>
 * <li>{@code chunkKiB}: the size of one upload request, a multiple of 320 KiB below 60 MiB (Graph's rules),
 *     default 10240 (10 MiB).</li>
 * <li>{@code attempts}: tries per request, default 5; {@code timeoutSeconds}: connect and response timeout,
 *     default 60.</li>
 * <li>{@code graph}, {@code login}: the Microsoft Graph and sign-in endpoints, for national clouds; defaults
 *     {@code https://graph.microsoft.com} and {@code https://login.microsoftonline.com}.</li>
 * </ul>
 * Values are URL-encoded. The folder is a path from the drive's root.
 */
public record OneDriveLocation(String folder, String tenant, String clientIdAlias, String clientSecretAlias,
                               String refreshTokenAlias, int chunkKiB, int attempts, Duration timeout,
                               URI graph, URI login) {

    /** Graph's unit for upload chunks: every chunk but the last is a multiple of it. */
    static final int CHUNK_UNIT_KIB = 320;
    static final int MAX_CHUNK_KIB = 60 * 1024;
    static final URI GRAPH = URI.create("https://graph.microsoft.com");
    static final URI LOGIN = URI.create("https://login.microsoftonline.com");

    private static final Set<String> PARAMETERS = Set.of("tenant", "clientIdAlias", "clientSecretAlias",
            "refreshTokenAlias", "chunkKiB", "attempts", "timeoutSeconds", "graph", "login");

    public OneDriveLocation {
        if (folder == null || folder.isEmpty() || folder.startsWith("/") || folder.endsWith("/") || folder.contains("//")) {
            throw invalid("the folder '" + folder + "' must be a path from the drive's root, like /Backups/lifeboat");
        }
        for (String part : folder.split("/")) {
            if (part.equals(".") || part.equals("..") || part.chars().anyMatch(c -> "\"*:<>?\\|".indexOf(c) >= 0)) {
                throw invalid("the folder '" + folder + "' holds a part OneDrive does not allow ('" + part + "')");
            }
        }
        if (tenant == null || !tenant.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,127}")) {
            throw invalid("tenant is required: the directory (tenant) id or domain, or 'consumers' for a personal account");
        }
        for (var alias : new String[]{clientIdAlias, clientSecretAlias, refreshTokenAlias}) {
            if (alias == null || alias.isBlank()) {
                throw invalid("clientIdAlias, clientSecretAlias and refreshTokenAlias are required: name the secrets "
                        + "holding the app's client id and secret and the refresh token");
            }
        }
        if (chunkKiB < CHUNK_UNIT_KIB || chunkKiB % CHUNK_UNIT_KIB != 0 || chunkKiB >= MAX_CHUNK_KIB) {
            throw invalid("chunkKiB must be a multiple of 320 below 61440 (Graph's rules), e.g. 10240, not " + chunkKiB);
        }
        if (attempts < 1 || attempts > 20) {
            throw invalid("attempts must be between 1 and 20, not " + attempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw invalid("timeoutSeconds must be positive");
        }
        for (URI endpoint : new URI[]{graph, login}) {
            if (endpoint == null || endpoint.getHost() == null
                    || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))) {
                throw invalid("graph and login must be http(s) URLs, not '" + endpoint + "'");
            }
        }
    }

    /** Parses a location as documented on this class. */
    public static OneDriveLocation parse(String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not a URI (" + e.getMessage() + ")");
        }
        if (!"onedrive".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque() || uri.getRawAuthority() != null) {
            throw invalid("it must start with onedrive:/FOLDER");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String folder = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
        try {
            return new OneDriveLocation(folder, query.get("tenant"), query.get("clientIdAlias"),
                    query.get("clientSecretAlias"), query.get("refreshTokenAlias"),
                    Integer.parseInt(query.getOrDefault("chunkKiB", "10240")),
                    Integer.parseInt(query.getOrDefault("attempts", "5")),
                    Duration.ofSeconds(Long.parseLong(query.getOrDefault("timeoutSeconds", "60"))),
                    endpoint(query.get("graph"), GRAPH), endpoint(query.get("login"), LOGIN));
        } catch (IllegalArgumentException e) { // NumberFormatException and bad URIs too
            if (e.getMessage() != null && e.getMessage().startsWith("Invalid OneDrive location")) {
                throw e;
            }
            throw invalid(e.getMessage());
        }
    }

    /** A location with the defaults, on the given endpoints. */
    public static OneDriveLocation of(String folder, String tenant, URI graph, URI login) {
        return new OneDriveLocation(folder, tenant, "onedrive-client-id", "onedrive-client-secret",
                "onedrive-refresh-token", 10240, 5, Duration.ofSeconds(60), graph, login);
    }

    public OneDriveLocation withChunkKiB(int kib) {
        return new OneDriveLocation(folder, tenant, clientIdAlias, clientSecretAlias, refreshTokenAlias, kib, attempts,
                timeout, graph, login);
    }

    public OneDriveLocation withAttempts(int count, Duration perRequestTimeout) {
        return new OneDriveLocation(folder, tenant, clientIdAlias, clientSecretAlias, refreshTokenAlias, chunkKiB, count,
                perRequestTimeout, graph, login);
    }

    long chunkBytes() {
        return chunkKiB * 1024L;
    }

    /** The token endpoint of the tenant. */
    URI tokenEndpoint() {
        return login.resolve("/" + tenant + "/oauth2/v2.0/token");
    }

    private static URI endpoint(String value, URI fallback) {
        if (value == null) {
            return fallback;
        }
        URI uri = URI.create(value.replaceAll("/+$", ""));
        return uri.getPath() == null || uri.getPath().isEmpty() ? uri : uri.resolve("/");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (!PARAMETERS.contains(name)) {
                throw invalid("unknown parameter '" + name + "'; known: "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            values.put(name, value);
        }
        return values;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("Invalid OneDrive location: " + why + ". Write it as onedrive:/Backups/lifeboat"
                + "?tenant=T&clientIdAlias=C&clientSecretAlias=S&refreshTokenAlias=R[&chunkKiB=10240]");
    }
}
