package io.lifeboat.destinations.control;

import java.util.Objects;

/**
 * The app registration (client id and secret) and the refresh token of a OneDrive destination, as resolved from
 * their secret aliases by the caller. Never printed: {@link #toString()} shows only the client id.
 */
public record OneDriveCredentials(String clientId, String clientSecret, String refreshToken) {

    public OneDriveCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    @Override
    public String toString() {
        return "OneDriveCredentials[clientId=" + clientId + ", clientSecret=****, refreshToken=****]";
    }
}
