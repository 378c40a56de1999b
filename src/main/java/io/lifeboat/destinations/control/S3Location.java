package io.lifeboat.destinations.control;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an S3-compatible destination is, as written in a destination's {@code location}:
 * <pre>
 * s3://BUCKET[/PREFIX]?accessKeyAlias=A&amp;secretKeyAlias=S[&amp;endpoint=URL][&amp;region=R][&amp;pathStyle=true]
 *     [&amp;partSizeMiB=16][&amp;retentionDays=N&amp;retentionMode=GOVERNANCE|COMPLIANCE][&amp;attempts=4][&amp;timeoutSeconds=30]
 * </pre>
 * <ul>
 * <li>{@code accessKeyAlias}, {@code secretKeyAlias} (required): secret aliases holding the access key id and
 *     the secret key; the values never appear in the location.</li>
 * <li>{@code endpoint}: the server's URL, e.g. {@code https://s3.eu-central-003.backblazeb2.com} or
 *     {@code http://minio:9000}; left out, AWS's endpoint for the region is used.</li>
 * <li>{@code region}: default {@code us-east-1}. {@code pathStyle}: {@code true} for most self-hosted
 *     servers (MinIO, Garage, s3proxy), default {@code false}.</li>
 * <li>{@code partSizeMiB}: the multipart part size, 5 to 4096, default 16; the memory one upload holds
 *     and, times 10,000 parts, the largest object it can write.</li>
 * <li>{@code retentionDays} with {@code retentionMode}: object-lock retention set on every new object
 *     (the bucket must have object lock enabled).</li>
 * <li>{@code attempts}: tries per request, with exponential back-off between them, default 4;
 *     {@code timeoutSeconds}: connect and read timeout, default 30.</li>
 * </ul>
 * Values are URL-encoded. The prefix holds no leading or trailing '/'.
 */
public record S3Location(Optional<URI> endpoint, String region, String bucket, String prefix, boolean pathStyle,
                         String accessKeyAlias, String secretKeyAlias, int partSizeMiB,
                         Optional<Retention> retention, int attempts, Duration timeout) {

    /** Object-lock retention for new objects. */
    public record Retention(int days, Mode mode) {

        public enum Mode { GOVERNANCE, COMPLIANCE }

        public Retention {
            if (days < 1) {
                throw new IllegalArgumentException("retentionDays must be at least 1, not " + days);
            }
        }
    }

    private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "pathStyle", "accessKeyAlias",
            "secretKeyAlias", "partSizeMiB", "retentionDays", "retentionMode", "attempts", "timeoutSeconds");

    public S3Location {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw invalid("the bucket name '" + bucket + "' is not valid: 3 to 63 lowercase letters, digits, '.' or '-'");
        }
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw invalid("the prefix '" + prefix + "' must not start or end with '/' nor hold empty parts");
        }
        if (accessKeyAlias == null || accessKeyAlias.isBlank() || secretKeyAlias == null || secretKeyAlias.isBlank()) {
            throw invalid("accessKeyAlias and secretKeyAlias are required: name the secrets holding the keys");
        }
        if (partSizeMiB < 5 || partSizeMiB > 4096) {
            throw invalid("partSizeMiB must be between 5 and 4096 (S3's limits), not " + partSizeMiB);
        }
        if (attempts < 1 || attempts > 20) {
            throw invalid("attempts must be between 1 and 20, not " + attempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw invalid("timeoutSeconds must be positive");
        }
    }

    /** Parses a location as documented on this class. */
    public static S3Location parse(String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not a URI (" + e.getMessage() + ")");
        }
        if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
            throw invalid("it must start with s3://BUCKET");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = path.replaceAll("^/+", "").replaceAll("/+$", "");
        try {
            Optional<Retention> retention = query.containsKey("retentionDays")
                    ? Optional.of(new Retention(Integer.parseInt(query.get("retentionDays")),
                            Retention.Mode.valueOf(query.getOrDefault("retentionMode", "GOVERNANCE")
                                    .toUpperCase(Locale.ROOT))))
                    : Optional.empty();
            return new S3Location(
                    Optional.ofNullable(query.get("endpoint")).map(URI::create),
                    query.getOrDefault("region", "us-east-1"),
                    uri.getAuthority(), prefix,
                    Boolean.parseBoolean(query.getOrDefault("pathStyle", "false")),
                    query.get("accessKeyAlias"), query.get("secretKeyAlias"),
                    Integer.parseInt(query.getOrDefault("partSizeMiB", "16")),
                    retention,
                    Integer.parseInt(query.getOrDefault("attempts", "4")),
                    Duration.ofSeconds(Long.parseLong(query.getOrDefault("timeoutSeconds", "30"))));
        } catch (IllegalArgumentException e) { // NumberFormatException and bad enum names too
            if (e.getMessage() != null && e.getMessage().startsWith("Invalid S3 location")) {
                throw e;
            }
            throw invalid(e.getMessage());
        }
    }

    /** Builds a location for the given server; the other settings take their defaults. */
    public static S3Location of(URI endpoint, String bucket, String prefix, String accessKeyAlias, String secretKeyAlias) {
        return new S3Location(Optional.of(endpoint), "us-east-1", bucket, prefix, true, accessKeyAlias,
                secretKeyAlias, 16, Optional.empty(), 4, Duration.ofSeconds(30));
    }

    public S3Location withPartSizeMiB(int mib) {
        return new S3Location(endpoint, region, bucket, prefix, pathStyle, accessKeyAlias, secretKeyAlias, mib,
                retention, attempts, timeout);
    }

    public S3Location withRetention(Retention value) {
        return new S3Location(endpoint, region, bucket, prefix, pathStyle, accessKeyAlias, secretKeyAlias, partSizeMiB,
                Optional.of(value), attempts, timeout);
    }

    public S3Location withAttempts(int count, Duration perRequestTimeout) {
        return new S3Location(endpoint, region, bucket, prefix, pathStyle, accessKeyAlias, secretKeyAlias, partSizeMiB,
                retention, count, perRequestTimeout);
    }

    public S3Location withBucket(String name) {
        return new S3Location(endpoint, region, name, prefix, pathStyle, accessKeyAlias, secretKeyAlias, partSizeMiB,
                retention, attempts, timeout);
    }

    /** The server as people know it: the endpoint, or AWS in the region. */
    public String server() {
        return endpoint.map(URI::toString).orElse("AWS S3 (" + region + ")");
    }

    long partSizeBytes() {
        return partSizeMiB * 1024L * 1024L;
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
                throw invalid("unknown parameter '" + name + "'; known: " + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            values.put(name, value);
        }
        return values;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("Invalid S3 location: " + why
                + ". Write it as s3://BUCKET/PREFIX?endpoint=URL&region=R&pathStyle=true&accessKeyAlias=A&secretKeyAlias=S");
    }
}
