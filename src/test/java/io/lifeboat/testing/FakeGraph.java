package io.lifeboat.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft's sign-in and Graph's OneDrive API as far as Lifeboat uses them, on 127.0.0.1, strict about the
 * documented contract: the refresh-token grant (client credentials checked, the refresh token rotated on every
 * use, access tokens that expire and then get 401 InvalidAuthenticationToken), path-based item addressing,
 * folder creation with conflictBehavior, upload sessions (no Authorization header on the upload URL, every chunk
 * but the last a multiple of 320 KiB and below 60 MiB, Content-Range at nextExpectedRanges or 416, 202 with
 * nextExpectedRanges, 201 on the last byte, conflictBehavior fail as 409 nameAlreadyExists, DELETE cancels),
 * children listed in pages with {@code @odata.nextLink}, downloads as 302 to a pre-authenticated URL, and
 * throttling as 429 with Retry-After. Anything that breaks the contract is answered as Graph would and recorded
 * in {@link #violations()}.
 */
public final class FakeGraph implements AutoCloseable {

    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT_SECRET = "client-secret-value";
    public static final int UNIT = 320 * 1024;
    static final int MAX_CHUNK = 60 * 1024 * 1024;
    static final int PAGE = 3;
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String base;

    // sign-in
    private volatile String refreshToken = "consented-" + UUID.randomUUID();
    private volatile boolean rotate = true;
    private volatile long expiresInSeconds = 3600;
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    // the drive: path from the root -> content; folders map to null
    private final TreeMap<String, byte[]> items = new TreeMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> downloads = new ConcurrentHashMap<>();

    // faults and records
    private final AtomicInteger throttleNext = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile Instant throttledUntil = Instant.MIN;
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger earlyRetries = new AtomicInteger();
    private final AtomicInteger failChunks = new AtomicInteger();
    private final AtomicInteger failRequests = new AtomicInteger();
    private volatile boolean loseCompletionAnswer;
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger statusQueries = new AtomicInteger();
    private final AtomicInteger expiredTokenRefusals = new AtomicInteger();
    private final List<Integer> chunkSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private static final class Session {
        final String path;
        final boolean failOnConflict;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        long total = -1;

        Session(String path, boolean failOnConflict) {
            this.path = path;
            this.failOnConflict = failOnConflict;
        }
    }

    private FakeGraph() throws IOException {
        items.put("", null);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-graph");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static FakeGraph start() {
        try {
            return new FakeGraph();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Both the sign-in and the Graph endpoint. */
    public URI endpoint() {
        return URI.create(base);
    }

    // --- what tests set and look at -----------------------------------------------------------------------------

    /** The refresh token the fake accepts now (it changes on every use while rotation is on). */
    public String refreshToken() {
        return refreshToken;
    }

    public void rotateRefreshTokens(boolean on) {
        rotate = on;
    }

    public void accessTokensLast(long seconds) {
        expiresInSeconds = seconds;
    }

    /** Makes every access token issued so far expire now, as an hour passing would. */
    public void expireAccessTokens() {
        accessTokens.replaceAll((token, expiry) -> Instant.now().minusSeconds(1));
    }

    /** The next {@code requests} Graph calls get 429 with {@code Retry-After: seconds}. */
    public void throttleNext(int requests, int seconds) {
        retryAfterSeconds = seconds;
        throttleNext.set(requests);
    }

    /** The next {@code requests} Graph or sign-in calls fail with 502 Bad Gateway, as a bad minute at Microsoft would. */
    public void failNextRequests(int requests) {
        failRequests.set(requests);
    }

    /** Requests answered 502 by {@link #failNextRequests}. */
    public int failed() {
        return failed.get();
    }

    /** The next upload that completes gets 500 instead of 201, as a connection lost after the last byte would. */
    public void loseNextCompletionAnswer() {
        loseCompletionAnswer = true;
    }

    /** Ends any throttling, as time passing would. */
    public void forgetThrottling() {
        throttleNext.set(0);
        throttledUntil = Instant.MIN;
    }

    /** The next {@code chunks} upload chunks fail with 500 after Graph stored the first 320 KiB of each. */
    public void failNextChunks(int chunks) {
        failChunks.set(chunks);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public int throttled() {
        return throttled.get();
    }

    /** Requests that came before the Retry-After of a 429 had passed. */
    public int earlyRetries() {
        return earlyRetries.get();
    }

    public int statusQueries() {
        return statusQueries.get();
    }

    public int expiredTokenRefusals() {
        return expiredTokenRefusals.get();
    }

    public List<Integer> chunkSizes() {
        return List.copyOf(chunkSizes);
    }

    public int openSessions() {
        return sessions.size();
    }

    /** Protocol breaches seen: requests Graph would have refused as malformed. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized void putFile(String path, byte[] content) {
        createParents(path);
        items.put(path, content.clone());
    }

    /** Folders and files under {@code under}. */
    public synchronized List<String> items(String under) {
        return items.keySet().stream().filter(p -> p.startsWith(under)).toList();
    }

    public synchronized List<String> files(String under) {
        return items.entrySet().stream().filter(e -> e.getValue() != null && e.getKey().startsWith(under))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- dispatch -----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean api = path.startsWith("/v1.0/") || path.endsWith("/oauth2/v2.0/token");
            if (api && failRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed.incrementAndGet();
                error(exchange, 502, "serviceNotAvailable", "Bad Gateway");
            } else if (path.equals("/" + TENANT + "/oauth2/v2.0/token") && method.equals("POST")) {
                token(exchange);
            } else if (path.startsWith("/upload/")) {
                upload(exchange, path.substring("/upload/".length()));
            } else if (path.startsWith("/download/")) {
                download(exchange, path.substring("/download/".length()));
            } else if (path.startsWith("/v1.0/me/drive/root")) {
                if (authorized(exchange) && notThrottled(exchange)) {
                    graph(exchange, path.substring("/v1.0/me/drive/root".length()));
                }
            } else {
                error(exchange, 400, "invalidRequest", "Unknown endpoint " + method + " " + path);
            }
        } catch (RuntimeException e) {
            violations.add("server error: " + e);
            error(exchange, 500, "generalException", String.valueOf(e));
        }
    }

    private void graph(HttpExchange exchange, String rest) throws IOException {
        String method = exchange.getRequestMethod();
        if (rest.equals("/children")) {
            children(exchange, "");
            return;
        }
        if (!rest.startsWith(":/") || rest.indexOf(':', 2) < 0) {
            error(exchange, 400, "invalidRequest", "Expected root:/path: addressing, got " + rest);
            return;
        }
        int colon = rest.indexOf(':', 2);
        String itemPath = rest.substring(2, colon);
        String suffix = rest.substring(colon + 1);
        switch (method + " " + suffix) {
            case "GET " -> item(exchange, itemPath);
            case "DELETE " -> delete(exchange, itemPath);
            case "GET /children", "POST /children" -> children(exchange, itemPath);
            case "GET /content" -> content(exchange, itemPath);
            case "PUT /content" -> simpleUpload(exchange, itemPath);
            case "POST /createUploadSession" -> createSession(exchange, itemPath);
            default -> error(exchange, 400, "invalidRequest", "Unsupported " + method + " " + suffix);
        }
    }

    // --- sign-in ------------------------------------------------------------------------------------------------

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        if (!exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/x-www-form-urlencoded")) {
            violations.add("token request not form-encoded");
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            oauthError(exchange, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }
        if (!"refresh_token".equals(form.get("grant_type"))
                || !String.valueOf(form.get("scope")).contains("offline_access")
                || !String.valueOf(form.get("scope")).contains("Files.ReadWrite")) {
            violations.add("token request with grant " + form.get("grant_type") + " and scope " + form.get("scope"));
            oauthError(exchange, 400, "invalid_request", "AADSTS900144: grant_type or scope is wrong.");
            return;
        }
        synchronized (this) {
            if (!refreshToken.equals(form.get("refresh_token"))) {
                oauthError(exchange, 400, "invalid_grant", "AADSTS70000: The provided grant has expired due to it "
                        + "being revoked, a fresh auth token is needed.");
                return;
            }
            String access = "access-" + UUID.randomUUID();
            accessTokens.put(access, Instant.now().plusSeconds(expiresInSeconds));
            if (rotate) {
                refreshToken = "rotated-" + UUID.randomUUID();
            }
            json(exchange, 200, Json.createObjectBuilder().add("token_type", "Bearer")
                    .add("scope", "Files.ReadWrite").add("expires_in", expiresInSeconds)
                    .add("access_token", access).add("refresh_token", refreshToken).build());
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expiry = header == null || !header.startsWith("Bearer ") ? null : accessTokens.get(header.substring(7));
        if (expiry == null || Instant.now().isAfter(expiry)) {
            if (expiry != null) {
                expiredTokenRefusals.incrementAndGet();
            }
            error(exchange, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            return false;
        }
        return true;
    }

    private boolean notThrottled(HttpExchange exchange) throws IOException {
        if (Instant.now().isBefore(throttledUntil)) {
            earlyRetries.incrementAndGet();
        } else if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            return true;
        }
        throttled.incrementAndGet();
        throttledUntil = Instant.now().plusSeconds(retryAfterSeconds);
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        error(exchange, 429, "activityLimitReached", "The request has been throttled");
        return false;
    }

    // --- items --------------------------------------------------------------------------------------------------

    private synchronized void item(HttpExchange exchange, String path) throws IOException {
        if (!items.containsKey(path)) {
            error(exchange, 404, "itemNotFound", "The resource could not be found.");
            return;
        }
        json(exchange, 200, describe(path).build());
    }

    private JsonObjectBuilder describe(String path) {
        byte[] content = items.get(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        var item = Json.createObjectBuilder().add("id", Integer.toHexString(path.hashCode())).add("name", name);
        if (content == null) {
            return item.add("size", 0).add("folder", Json.createObjectBuilder().add("childCount", childrenOf(path).size()));
        }
        return item.add("size", content.length).add("file", Json.createObjectBuilder()
                .add("mimeType", "application/octet-stream"));
    }

    private List<String> childrenOf(String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        return items.keySet().stream().filter(p -> !p.isEmpty() && p.startsWith(prefix)
                && p.indexOf('/', prefix.length()) < 0).toList();
    }

    private synchronized void delete(HttpExchange exchange, String path) throws IOException {
        if (!items.containsKey(path)) {
            error(exchange, 404, "itemNotFound", "The resource could not be found.");
            return;
        }
        items.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        exchange.sendResponseHeaders(204, -1);
    }

    private synchronized void children(HttpExchange exchange, String folder) throws IOException {
        if (!items.containsKey(folder) || items.get(folder) != null) {
            error(exchange, 404, "itemNotFound", "The resource could not be found.");
            return;
        }
        if (exchange.getRequestMethod().equals("POST")) {
            createFolder(exchange, folder);
            return;
        }
        List<String> children = childrenOf(folder);
        int from = Integer.parseInt(query(exchange).getOrDefault("$skiptoken", "0"));
        var page = Json.createArrayBuilder();
        children.subList(from, Math.min(children.size(), from + PAGE)).forEach(p -> page.add(describe(p)));
        var answer = Json.createObjectBuilder().add("value", page);
        if (from + PAGE < children.size()) {
            String address = folder.isEmpty() ? "/children" : ":/" + encode(folder) + ":/children";
            answer.add("@odata.nextLink", base + "/v1.0/me/drive/root" + address + "?$skiptoken=" + (from + PAGE));
        }
        json(exchange, 200, answer.build());
    }

    private void createFolder(HttpExchange exchange, String parent) throws IOException {
        JsonObject body = body(exchange);
        String name = body.getString("name", "");
        if (name.isEmpty() || name.contains("/") || !body.containsKey("folder")) {
            violations.add("folder creation without a name or folder facet: " + body);
            error(exchange, 400, "invalidRequest", "A name and a folder facet are required");
            return;
        }
        String path = parent.isEmpty() ? name : parent + "/" + name;
        if (items.containsKey(path)) {
            String behaviour = body.getString("@microsoft.graph.conflictBehavior", "rename");
            if (behaviour.equals("fail")) {
                error(exchange, 409, "nameAlreadyExists", "The specified item name already exists.");
                return;
            }
            violations.add("folder creation that would " + behaviour + " " + path);
        }
        items.put(path, null);
        json(exchange, 201, describe(path).build());
    }

    private synchronized void content(HttpExchange exchange, String path) throws IOException {
        if (!items.containsKey(path) || items.get(path) == null) {
            error(exchange, 404, "itemNotFound", "The resource could not be found.");
            return;
        }
        String token = UUID.randomUUID().toString();
        downloads.put(token, path);
        exchange.getResponseHeaders().set("Location", base + "/download/" + token);
        exchange.sendResponseHeaders(302, -1);
    }

    private void download(HttpExchange exchange, String token) throws IOException {
        if (exchange.getRequestHeaders().containsKey("Authorization")) {
            violations.add("Authorization header sent to a pre-authenticated download URL");
            error(exchange, 401, "unauthenticated", "Pre-authenticated URLs take no Authorization header");
            return;
        }
        String path = downloads.remove(token);
        byte[] content;
        synchronized (this) {
            content = path == null ? null : items.get(path);
        }
        if (content == null) {
            error(exchange, 404, "itemNotFound", "The download URL is used or expired.");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
        exchange.getResponseBody().write(content);
    }

    /** PUT …/content: the simple upload, for small files. */
    private synchronized void simpleUpload(HttpExchange exchange, String path) throws IOException {
        byte[] content = exchange.getRequestBody().readAllBytes();
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (!items.containsKey(parent)) {
            error(exchange, 404, "itemNotFound", "The parent folder does not exist.");
            return;
        }
        String behaviour = query(exchange).getOrDefault("@microsoft.graph.conflictBehavior", "replace");
        if (items.containsKey(path) && behaviour.equals("fail")) {
            error(exchange, 409, "nameAlreadyExists", "The specified item name already exists.");
            return;
        }
        items.put(path, content);
        json(exchange, 201, describe(path).build());
    }

    // --- upload sessions ----------------------------------------------------------------------------------------

    private synchronized void createSession(HttpExchange exchange, String path) throws IOException {
        JsonObject body = body(exchange);
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (!items.containsKey(parent) || items.get(parent) != null) {
            error(exchange, 404, "itemNotFound", "The parent folder does not exist.");
            return;
        }
        JsonObject item = body.get("item") instanceof JsonObject o ? o : Json.createObjectBuilder().build();
        boolean fail = "fail".equals(item.getString("@microsoft.graph.conflictBehavior", "replace"));
        if (fail && items.containsKey(path)) {
            error(exchange, 409, "nameAlreadyExists", "The specified item name already exists.");
            return;
        }
        String id = UUID.randomUUID().toString();
        sessions.put(id, new Session(path, fail));
        json(exchange, 200, Json.createObjectBuilder().add("uploadUrl", base + "/upload/" + id)
                .add("expirationDateTime", Instant.now().plusSeconds(3600).toString())
                .add("nextExpectedRanges", Json.createArrayBuilder().add("0-")).build());
    }

    private void upload(HttpExchange exchange, String id) throws IOException {
        Session session = sessions.get(id);
        if (session == null) {
            error(exchange, 404, "itemNotFound", "The upload session was not found.");
            return;
        }
        if (exchange.getRequestHeaders().containsKey("Authorization")) {
            violations.add("Authorization header sent to an upload URL");
            error(exchange, 401, "unauthenticated", "Upload URLs are pre-authenticated: send no Authorization header");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                statusQueries.incrementAndGet();
                synchronized (session) {
                    json(exchange, 200, sessionStatus(session));
                }
            }
            case "DELETE" -> {
                sessions.remove(id);
                exchange.sendResponseHeaders(204, -1);
            }
            case "PUT" -> chunk(exchange, id, session);
            default -> error(exchange, 405, "invalidRequest", "Method not allowed");
        }
    }

    private void chunk(HttpExchange exchange, String id, Session session) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Range")));
        if (declared == null || Long.parseLong(declared) != bytes.length || !range.matches()) {
            violations.add("chunk without Content-Length or a valid Content-Range");
            error(exchange, 400, "invalidRequest", "Content-Length and Content-Range: bytes a-b/total are required");
            return;
        }
        long start = Long.parseLong(range.group(1));
        long end = Long.parseLong(range.group(2));
        long total = Long.parseLong(range.group(3));
        synchronized (session) {
            long expected = session.data.size();
            if (end - start + 1 != bytes.length || (session.total >= 0 && total != session.total) || end >= total) {
                violations.add("Content-Range " + range.group() + " does not match " + bytes.length + " bytes");
                error(exchange, 400, "invalidRange", "The Content-Range does not match the bytes sent");
                return;
            }
            if (bytes.length >= MAX_CHUNK || (end != total - 1 && bytes.length % UNIT != 0)) {
                violations.add("chunk of " + bytes.length + " bytes, not a multiple of 320 KiB below 60 MiB");
                error(exchange, 400, "invalidRequest", "Chunks must be multiples of 320 KiB below 60 MiB");
                return;
            }
            if (start != expected) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                json(exchange, 416, Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                        .add("code", "invalidRange").add("message", "Expected " + expected + "-"))
                        .add("nextExpectedRanges", Json.createArrayBuilder().add(expected + "-")).build());
                return;
            }
            chunkSizes.add(bytes.length);
            session.total = total;
            if (failChunks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                session.data.write(bytes, 0, Math.min(UNIT, bytes.length - 1));
                error(exchange, 500, "generalException", "An unspecified error has occurred.");
                return;
            }
            session.data.write(bytes, 0, bytes.length);
            if (session.data.size() < total) {
                json(exchange, 202, sessionStatus(session));
                return;
            }
        }
        complete(exchange, id, session);
    }

    private synchronized void complete(HttpExchange exchange, String id, Session session) throws IOException {
        sessions.remove(id);
        if (items.containsKey(session.path) && session.failOnConflict) {
            error(exchange, 409, "nameAlreadyExists", "The specified item name already exists.");
            return;
        }
        items.put(session.path, session.data.toByteArray());
        if (loseCompletionAnswer) {
            loseCompletionAnswer = false;
            error(exchange, 500, "generalException", "An unspecified error has occurred.");
            return;
        }
        json(exchange, 201, describe(session.path).build());
    }

    private static JsonObject sessionStatus(Session session) {
        return Json.createObjectBuilder().add("expirationDateTime", Instant.now().plusSeconds(3600).toString())
                .add("nextExpectedRanges", Json.createArrayBuilder().add(session.data.size() + "-")).build();
    }

    // --- plumbing -----------------------------------------------------------------------------------------------

    private void createParents(String path) {
        String parent = "";
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isEmpty() ? parts[i] : parent + "/" + parts[i];
            items.putIfAbsent(parent, null);
        }
    }

    private static String encode(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            parts.add(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    private static JsonObject body(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Json.createObjectBuilder().build();
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return form(exchange.getRequestURI().getRawQuery());
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description) throws IOException {
        json(exchange, status, Json.createObjectBuilder().add("error", error).add("error_description", description)
                .add("error_codes", Json.createArrayBuilder().add(70000)).build());
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        json(exchange, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code)
                .add("message", message)).build());
    }

    private static void json(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
