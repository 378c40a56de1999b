package io.lifeboat.destinations.control;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.http.HttpResponse;

/** Turns Microsoft Graph's error answers into messages that say what happened and what to do next. */
final class GraphFailures {

    private GraphFailures() {
    }

    /** Graph's error code ({@code error.code}), or "HTTP status" when the answer has none. */
    static String code(int status, String body) {
        JsonObject json = MicrosoftLogin.json(body);
        JsonObject error = json.get("error") instanceof JsonObject e ? e : null;
        return error == null ? "HTTP " + status : error.getString("code", "HTTP " + status);
    }

    /**
     * @param action what was being done, e.g. "write files", to complete "no permission to ..."
     * @param where  the destination as people know it
     */
    static IOException explain(OneDriveLocation location, HttpResponse<?> response, String action, String where) {
        int status = response.statusCode();
        String body = GraphClient.text(response);
        String code = code(status, body);
        JsonObject error = MicrosoftLogin.json(body).get("error") instanceof JsonObject e ? e : null;
        String detail = error == null ? "no details" : error.getString("message", "no details");
        if (status == 401) {
            return new IOException("Microsoft Graph refused the access token for " + where + " (" + code + "): "
                    + "check that the app registration has the delegated permission Files.ReadWrite and that the "
                    + "refresh token in alias '" + location.refreshTokenAlias() + "' was issued for it.");
        }
        if (status == 403) {
            return new IOException("Microsoft Graph gave no permission to " + action + " in " + where + " (" + code
                    + "): grant the app the delegated permission Files.ReadWrite and give the consent again, or check "
                    + "the folder's sharing.");
        }
        if (status == 507 || "quotaLimitReached".equals(code) || "insufficientStorage".equals(code)) {
            return new IOException("The OneDrive of " + where + " is full (" + code + "): free space there or buy "
                    + "more storage.");
        }
        if (status == 429 || status == 503) {
            return new IOException("Microsoft Graph kept throttling requests to " + action + " in " + where + " ("
                    + code + "): retry later, or raise attempts in the destination's location.");
        }
        return new IOException("Microsoft Graph failed to " + action + " in " + where + ": " + status + " " + code
                + " (" + detail + "). Retry later; if it persists, check the destination's settings and Microsoft's "
                + "service status.");
    }

    static IOException unreachable(OneDriveLocation location, String action, IOException e) {
        if (e instanceof java.io.InterruptedIOException) {
            return e;
        }
        return new IOException("Could not reach " + location.graph() + " to " + action + " in the OneDrive folder /"
                + location.folder() + ": check the network, any proxy, and the graph endpoint (" + e + ").", e);
    }
}
