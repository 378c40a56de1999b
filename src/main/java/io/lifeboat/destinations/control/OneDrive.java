package io.lifeboat.destinations.control;

import io.lifeboat.Sha256;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder in a OneDrive (personal or for work and school), reached through Microsoft Graph with the delegated
 * permission Files.ReadWrite and a refresh token from a one-time consent ({@link MicrosoftLogin}).
 * <p>
 * Graph uploads large files in an upload session whose every chunk names the file's total size in its
 * {@code Content-Range}; a backup's size is unknown until its stream ends. So an {@link OneDriveUpload} spools
 * the stream to a file under the spool folder ({@code <lifeboat.data>/spool}) and uploads it on commit, chunk
 * by chunk from the file: memory stays constant, but the spool folder needs room for the largest object being
 * written, and the upload to OneDrive starts only once the dump is complete. The spool file is removed
 * afterwards, whatever happened. The file appears in OneDrive only when its last chunk arrives; an aborted
 * upload cancels its session, so no partial file is ever visible. Objects are never overwritten: the session
 * is created with {@code @microsoft.graph.conflictBehavior: fail}.
 * <p>
 * Graph keeps no SHA-256 of files (OneDrive for work and school has only its quickXorHash), so {@link #sha256}
 * reads the file. Credentials are never logged nor shown by {@link #describe()}.
 */
public final class OneDrive implements Destination {

    static final String SPOOL = ".spool";
    static final String SESSION = ".session";

    private final OneDriveLocation location;
    private final GraphClient graph;
    private final Path spool;
    private final UploadSessions sessions = new UploadSessions(this);

    OneDrive(OneDriveLocation location, GraphClient graph, Path spoolRoot) {
        this.location = location;
        this.graph = graph;
        this.spool = spoolRoot.toAbsolutePath().normalize().resolve("onedrive-" + fingerprint(location));
    }

    /**
     * @param onRotation stores a refresh token Microsoft rotated to, for the next start
     * @param spoolRoot  where uploads are spooled before they go to OneDrive
     */
    public static OneDrive open(OneDriveLocation location, OneDriveCredentials credentials, Consumer<String> onRotation,
                                Path spoolRoot) {
        var http = GraphClient.httpClient(location);
        var login = new MicrosoftLogin(location, credentials, onRotation, http, Clock.systemUTC());
        return new OneDrive(location, new GraphClient(location, login, http), spoolRoot);
    }

    public OneDriveLocation location() {
        return location;
    }

    @Override
    public Upload create(String key) throws IOException {
        String path = path(key);
        if (item(path, "read files").isPresent()) {
            throw alreadyExists(key);
        }
        Path file = spool.resolve(key + SPOOL);
        return new OneDriveUpload(this, key, file);
    }

    /** Asks for the content, which Graph answers with a redirect to a pre-authenticated download URL. */
    @Override
    public InputStream open(String key) throws IOException {
        String path = path(key);
        HttpResponse<InputStream> response = graph.call(HttpRequest.newBuilder(graph.api(itemUrl(path) + "/content")),
                HttpResponse.BodyHandlers.ofInputStream(), "read files", true);
        if (response.statusCode() == 302 || response.statusCode() == 303) {
            GraphClient.discard(response);
            URI download = URI.create(response.headers().firstValue("Location").orElseThrow(() ->
                    new IOException("Microsoft Graph redirected the download of " + key + " nowhere: retry later.")));
            response = graph.call(HttpRequest.newBuilder(download), HttpResponse.BodyHandlers.ofInputStream(),
                    "read files", false);
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        throw missingOr(response, key, "read files");
    }

    @Override
    public boolean exists(String key) {
        try {
            return item(path(key), "read files").filter(item -> item.containsKey("file")).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        return item(path(key), "read files").filter(item -> item.containsKey("file"))
                .orElseThrow(() -> missing(key)).getJsonNumber("size").longValue();
    }

    /** Walks the folders under the prefix's folder (Graph lists one folder at a time), page by page. */
    @Override
    public List<String> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        List<String> keys = new ArrayList<>();
        walk(slash < 0 ? "" : prefix.substring(0, slash), prefix, keys);
        keys.sort(null);
        return keys;
    }

    private void walk(String folderKey, String prefix, List<String> keys) throws IOException {
        String path = folderKey.isEmpty() ? location.folder() : location.folder() + "/" + folderKey;
        List<String> folders = new ArrayList<>();
        URI next = graph.api(itemUrl(path) + "/children?$top=200");
        while (next != null) {
            HttpResponse<String> response = graph.call(HttpRequest.newBuilder(next), "list files");
            if (response.statusCode() == 404) {
                return; // nothing was ever written there
            }
            if (response.statusCode() != 200) {
                throw GraphFailures.explain(location, response, "list files", describe());
            }
            JsonObject page = MicrosoftLogin.json(response.body());
            for (JsonValue value : page.getJsonArray("value")) {
                JsonObject child = value.asJsonObject();
                String key = (folderKey.isEmpty() ? "" : folderKey + "/") + child.getString("name");
                if (child.containsKey("folder") && ((key + "/").startsWith(prefix) || prefix.startsWith(key + "/"))) {
                    folders.add(key);
                } else if (child.containsKey("file") && key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
            next = page.containsKey("@odata.nextLink") ? URI.create(page.getString("@odata.nextLink")) : null;
        }
        for (String folder : folders) {
            walk(folder, prefix, keys);
        }
    }

    /** Removes the file, and its folder when that is left empty (a backup's folder once its last object goes). */
    @Override
    public void delete(String key) throws IOException {
        String path = path(key);
        if (remove(path) && key.contains("/")) {
            String folder = path.substring(0, path.lastIndexOf('/'));
            var item = item(folder, "delete files");
            if (item.isPresent() && item.get().get("folder") instanceof JsonObject facet
                    && facet.getInt("childCount", -1) == 0) {
                remove(folder);
            }
        }
    }

    /** Deletes an item; false when there was none. */
    private boolean remove(String path) throws IOException {
        HttpResponse<String> response = graph.call(HttpRequest.newBuilder(graph.api(itemUrl(path))).DELETE(),
                "delete files");
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw GraphFailures.explain(location, response, "delete files", describe());
        }
        return response.statusCode() != 404;
    }

    /** Computed by reading the file: Graph keeps no SHA-256. */
    @Override
    public String sha256(String key) throws IOException {
        try (InputStream in = open(key)) {
            return Sha256.of(in);
        }
    }

    /**
     * Removes the spool files of uploads under {@code prefix} that were never committed, and cancels the upload
     * sessions an interrupted commit left open (their URLs are kept next to the spool file); returns how many
     * uploads it cleaned up.
     */
    @Override
    public int removePartials(String prefix) throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(spool)) {
            files = paths.filter(Files::isRegularFile).toList();
        }
        var uploads = files.stream().filter(f -> keyOf(f).startsWith(prefix))
                .collect(Collectors.groupingBy(this::keyOf));
        for (var upload : uploads.entrySet()) {
            for (Path file : upload.getValue()) {
                if (file.getFileName().toString().endsWith(SESSION)) {
                    sessions.cancel(URI.create(Files.readString(file).strip()));
                }
                Files.deleteIfExists(file);
            }
        }
        return uploads.size();
    }

    @Override
    public String describe() {
        return "OneDrive folder /" + location.folder() + " (tenant " + location.tenant() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    // --- for OneDriveUpload ------------------------------------------------------------------------------------

    GraphClient graph() {
        return graph;
    }

    UploadSessions sessions() {
        return sessions;
    }

    Path spool() {
        return spool;
    }

    IOException refusedOrExplained(HttpResponse<?> response, String key) {
        if (response.statusCode() == 409) {
            return alreadyExists(key);
        }
        return GraphFailures.explain(location, response, "write files", describe());
    }

    FileAlreadyExistsException alreadyExists(String key) {
        return new FileAlreadyExistsException(describe() + "/" + key, null,
                "a backup object already exists there and is never overwritten: use a new backup id");
    }

    // -----------------------------------------------------------------------------------------------------------

    /** The item's metadata, or empty when there is none. */
    private Optional<JsonObject> item(String path, String action) throws IOException {
        HttpResponse<String> response = graph.call(HttpRequest.newBuilder(graph.api(itemUrl(path))), action);
        return switch (response.statusCode()) {
            case 200 -> Optional.of(MicrosoftLogin.json(response.body()));
            case 404 -> Optional.empty();
            default -> throw GraphFailures.explain(location, response, action, describe());
        };
    }

    private IOException missingOr(HttpResponse<?> response, String key, String action) {
        if (response.statusCode() == 404) {
            GraphClient.discard(response);
            return missing(key);
        }
        return GraphFailures.explain(location, response, action, describe());
    }

    private NoSuchFileException missing(String key) {
        return new NoSuchFileException(describe() + "/" + key, null, "no such file: it was deleted, or never completed");
    }

    /** Graph's path-based address of an item, each part percent-encoded. */
    static String itemUrl(String path) {
        StringBuilder url = new StringBuilder("/me/drive/root:");
        for (String part : path.split("/")) {
            url.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.append(':').toString();
    }

    /** The path from the drive's root of the object {@code key}; keys are checked as {@link LocalFolder} does. */
    String path(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid object key '" + key
                    + "': use a relative path with '/' between the parts, like target/2025/01/id/manifest.json");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("Invalid object key '" + key
                        + "': empty, '.' and '..' parts are not allowed");
            }
        }
        return location.folder() + "/" + key;
    }

    private String keyOf(Path spoolFile) {
        String relative = spool.relativize(spoolFile).toString().replace(spoolFile.getFileSystem().getSeparator(), "/");
        return relative.replaceAll("(" + java.util.regex.Pattern.quote(SPOOL) + "|"
                + java.util.regex.Pattern.quote(SESSION) + ")$", "");
    }

    private static String fingerprint(OneDriveLocation location) {
        var digest = Sha256.digest();
        digest.update((location.graph() + "|" + location.tenant() + "|" + location.folder()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 6);
    }
}
