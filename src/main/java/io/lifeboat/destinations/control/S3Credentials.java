package io.lifeboat.destinations.control;

import java.util.Objects;

/**
 * The access key id and secret key of an S3 destination, as resolved from their secret aliases by the
 * caller. Never printed: {@link #toString()} shows only the access key id's first characters.
 */
public record S3Credentials(String accessKeyId, String secretKey) {

    public S3Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
        String shown = accessKeyId.length() <= 4 ? "****" : accessKeyId.substring(0, 4) + "****";
        return "S3Credentials[accessKeyId=" + shown + ", secretKey=****]";
    }
}
