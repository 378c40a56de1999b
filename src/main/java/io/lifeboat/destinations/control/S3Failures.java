package io.lifeboat.destinations.control;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/** Turns what the S3 client throws into messages that say what happened and what to do next. */
final class S3Failures {

    private static final Set<String> CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "InvalidSecurity", "AuthorizationHeaderMalformed");

    private static final Set<String> DAMAGED = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
            "XAmzContentChecksumMismatch");

    private S3Failures() {
    }

    /**
     * @param location the destination
     * @param action   what was being done, e.g. "write objects", to complete "no permission to ..."
     */
    static IOException explain(SdkException e, S3Location location, String action) {
        String bucket = location.bucket();
        String server = location.server();
        if (e instanceof S3Exception s3) {
            String code = code(s3);
            if (CREDENTIALS.contains(code)) {
                return new IOException("S3 refused the credentials for bucket " + bucket + " at " + server + " (" + code
                        + "): check the access key alias '" + location.accessKeyAlias() + "' and the secret key alias '"
                        + location.secretKeyAlias() + "' hold a valid key pair for this server.", e);
            }
            if (DAMAGED.contains(code)) {
                return new IOException("S3 at " + server + " received data for bucket " + bucket + " whose checksum "
                        + "did not match (" + code + "): it was damaged on the way. Retry; if it happens again, check "
                        + "the network and any proxy between Lifeboat and the server.", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new IOException("The bucket " + bucket + " does not exist at " + server
                        + ": create it or fix the name in the destination.", e);
            }
            if ("AccessDenied".equals(code) || "AllAccessDisabled".equals(code) || s3.statusCode() == 403) {
                return new IOException("S3 at " + server + " gave no permission to " + action + " in bucket " + bucket
                        + (location.prefix().isEmpty() ? "" : " under " + location.prefix() + "/")
                        + " (" + code + "): grant the key of alias '" + location.accessKeyAlias()
                        + "' that permission, or check the bucket's policy and object lock.", e);
            }
            return new IOException("S3 at " + server + " failed to " + action + " in bucket " + bucket + ": "
                    + s3.statusCode() + " " + code + " (" + detail(s3) + "). Retry later; if it persists, check the "
                    + "server's status and logs.", e);
        }
        if (unreachable(e)) {
            return new IOException("Could not reach " + server + " to " + action + " in bucket " + bucket
                    + ": check the endpoint, the network and that the server is running (" + rootMessage(e) + ").", e);
        }
        return new IOException("The S3 client failed to " + action + " in bucket " + bucket + " at " + server + ": "
                + rootMessage(e) + ". Retry later; if it persists, check the destination's settings.", e);
    }

    static String code(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "HTTP " + e.statusCode() : code;
    }

    static boolean isCode(SdkException e, String code) {
        return e instanceof S3Exception s3 && code.equals(code(s3));
    }

    private static String detail(S3Exception e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : "no details";
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof SocketException
                    || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
