package io.lifeboat.destinations.control;

import io.lifeboat.Sha256;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A bucket (and prefix) on Amazon S3 or an S3-compatible server (MinIO, Garage, Backblaze B2, Wasabi …),
 * configured by an {@link S3Location}. Objects are written as multipart uploads that stay invisible until
 * completed, with a SHA-256 checksum on every part; an object smaller than one part is a single PUT. Objects
 * are never overwritten: the key is checked before an upload starts and the completing request carries
 * {@code If-None-Match: *}. An object written in a single PUT also records its whole SHA-256 as metadata
 * {@code x-amz-meta-sha256}; S3 accepts metadata only when an upload starts, before the digest of a
 * streamed multipart object is known, so for those {@link #sha256} reads the object.
 * Credentials are never logged nor shown by {@link #describe()} or {@link #toString()}.
 */
public final class S3Bucket implements Destination, AutoCloseable {

    static final String SHA256_METADATA = "sha256";

    private final S3Location location;
    private final S3Client client;
    private final String root;

    public S3Bucket(S3Location location, S3Credentials credentials) {
        this(location, credentials, List.of());
    }

    /** With interceptors that see every request, for tests that check what is sent. */
    S3Bucket(S3Location location, S3Credentials credentials, List<ExecutionInterceptor> interceptors) {
        this.location = location;
        this.root = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        var builder = S3Client.builder()
                .region(Region.of(location.region()))
                .forcePathStyle(location.pathStyle())
                // a part is in memory, so the signature hashes it whole instead of signing 128 KiB chunks
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretKey())))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(location.timeout())
                        .socketTimeout(location.timeout())
                        .build())
                // checksums are set by the upload itself (SHA-256), never as aws-chunked trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy(location.attempts()))
                        .executionInterceptors(interceptors)
                        .build());
        location.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    /**
     * The SDK's standard conditions (throttling, 5xx, I/O errors), with exponential back-off and full jitter;
     * no circuit breaker, so a long upload keeps its retries after a bad minute.
     */
    private static RetryStrategy retryStrategy(int attempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(attempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                .circuitBreakerEnabled(false)
                .build();
    }

    public S3Location location() {
        return location;
    }

    @Override
    public Upload create(String key) throws IOException {
        String objectKey = objectKey(key);
        if (holds(objectKey)) {
            throw new FileAlreadyExistsException(describe() + "/" + key, null,
                    "a backup object already exists there and is never overwritten: use a new backup id");
        }
        return new S3Upload(this, key, objectKey);
    }

    @Override
    public InputStream open(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return client.getObject(b -> b.bucket(location.bucket()).key(objectKey));
        } catch (SdkException e) {
            throw missingOr(e, key, "read objects");
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            return holds(objectKey(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listing, not a HEAD: its errors have a body, so a missing bucket is told apart from a missing key. */
    boolean holds(String objectKey) throws IOException {
        try {
            List<S3Object> found = client.listObjectsV2(b -> b.bucket(location.bucket()).prefix(objectKey).maxKeys(1))
                    .contents();
            return !found.isEmpty() && found.get(0).key().equals(objectKey);
        } catch (SdkException e) {
            throw explain(e, "list objects");
        }
    }

    @Override
    public long size(String key) throws IOException {
        return head(key).contentLength();
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(root + prefix))
                    .contents()) {
                keys.add(object.key().substring(root.length()));
            }
        } catch (SdkException e) {
            throw explain(e, "list objects");
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(objectKey));
        } catch (SdkException e) {
            throw explain(e, "delete objects");
        }
    }

    /** The recorded {@code x-amz-meta-sha256} of single-PUT objects, otherwise computed by reading the object. */
    @Override
    public String sha256(String key) throws IOException {
        String recorded = head(key).metadata().get(SHA256_METADATA);
        if (recorded != null) {
            return recorded;
        }
        try (InputStream in = open(key)) {
            return Sha256.of(in);
        }
    }

    /** Aborts the unfinished multipart uploads under {@code prefix} (of runs that died or lost the server). */
    @Override
    public int removePartials(String prefix) throws IOException {
        int removed = 0;
        try {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(
                    b -> b.bucket(location.bucket()).prefix(root + prefix)).uploads()) {
                client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(upload.key())
                        .uploadId(upload.uploadId()));
                removed++;
            }
        } catch (SdkException e) {
            throw explain(e, "abort multipart uploads");
        }
        return removed;
    }

    @Override
    public String describe() {
        return "S3 bucket " + location.bucket() + (location.prefix().isEmpty() ? "" : "/" + location.prefix())
                + " at " + location.server();
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public void close() {
        client.close();
    }

    S3Client client() {
        return client;
    }

    IOException explain(SdkException e, String action) {
        return S3Failures.explain(e, location, action);
    }

    private HeadObjectResponse head(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return client.headObject(b -> b.bucket(location.bucket()).key(objectKey));
        } catch (SdkException e) {
            throw missingOr(e, key, "read objects");
        }
    }

    /**
     * A HEAD answers 404 or 403 without a body; a listing of the bucket then tells a missing bucket or bad
     * credentials apart from a missing object.
     */
    private IOException missingOr(SdkException e, String key, String action) {
        if (S3Failures.isCode(e, "NoSuchKey") || S3Failures.isCode(e, "HTTP 404") || S3Failures.isCode(e, "HTTP 403")) {
            try {
                client.listObjectsV2(b -> b.bucket(location.bucket()).maxKeys(1));
            } catch (SdkException listing) {
                return explain(listing, action);
            }
            if (!S3Failures.isCode(e, "HTTP 403")) {
                var missing = new NoSuchFileException(describe() + "/" + key, null,
                        "no such object: it was deleted, or never completed");
                missing.initCause(e);
                return missing;
            }
        }
        return explain(e, action);
    }

    /** Checks a key as {@link LocalFolder} does, so every destination accepts the same keys. */
    String objectKey(String key) {
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
        return root + key;
    }
}
