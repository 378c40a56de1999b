package io.lifeboat.destinations.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** How new files are written to a {@link OneDrive}: upload sessions, the simple upload of empty files, folders. */
final class UploadSessions {

    private final OneDrive drive;

    UploadSessions(OneDrive drive) {
        this.drive = drive;
    }

    /**
     * Opens an upload session for {@code key} that refuses to replace an existing file; creates the missing
     * folders when Graph says the parent is not there. Returns the pre-authenticated upload URL.
     */
    URI start(String key) throws IOException {
        String path = drive.path(key);
        JsonObject body = Json.createObjectBuilder().add("item", Json.createObjectBuilder()
                .add("@microsoft.graph.conflictBehavior", "fail")).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = graph().call(HttpRequest.newBuilder(graph().api(OneDrive.itemUrl(path)
                            + "/createUploadSession")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "write files");
            if (response.statusCode() == 200) {
                return URI.create(MicrosoftLogin.json(response.body()).getString("uploadUrl"));
            }
            if (response.statusCode() == 404 && attempt == 1) {
                createFolders(path.substring(0, path.lastIndexOf('/')));
                continue;
            }
            throw drive.refusedOrExplained(response, key);
        }
    }

    /** Graph's upload sessions take no empty file: it is written with a simple upload. */
    void putEmpty(String key) throws IOException {
        String path = drive.path(key);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = graph().call(HttpRequest.newBuilder(graph().api(OneDrive.itemUrl(path)
                            + "/content?@microsoft.graph.conflictBehavior=fail"))
                    .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.noBody()),
                    "write files");
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() == 404 && attempt == 1) {
                createFolders(path.substring(0, path.lastIndexOf('/')));
                continue;
            }
            throw drive.refusedOrExplained(response, key);
        }
    }

    private GraphClient graph() {
        return drive.graph();
    }

    /** Cancels an upload session; nothing of it stays. */
    void cancel(URI uploadUrl) throws IOException {
        HttpResponse<String> response = graph().call(HttpRequest.newBuilder(uploadUrl).DELETE(),
                HttpResponse.BodyHandlers.ofString(), "cancel uploads", false);
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw GraphFailures.explain(drive.location(), response, "cancel uploads", drive.describe());
        }
    }

    /** Creates each folder of {@code path} (from the drive's root) that is missing, parent first. */
    private void createFolders(String path) throws IOException {
        String parent = "";
        for (String name : path.split("/")) {
            JsonObject folder = Json.createObjectBuilder().add("name", name).add("folder", JsonValue.EMPTY_JSON_OBJECT)
                    .add("@microsoft.graph.conflictBehavior", "fail").build();
            String children = parent.isEmpty() ? "/me/drive/root/children" : OneDrive.itemUrl(parent) + "/children";
            HttpResponse<String> response = graph().call(HttpRequest.newBuilder(graph().api(children))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(folder.toString())), "create folders");
            if (response.statusCode() != 201 && response.statusCode() != 200 && response.statusCode() != 409) {
                throw GraphFailures.explain(drive.location(), response, "create folders", drive.describe());
            }
            parent = parent.isEmpty() ? name : parent + "/" + name;
        }
    }
}
