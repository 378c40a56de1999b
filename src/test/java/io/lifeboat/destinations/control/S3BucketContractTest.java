package io.lifeboat.destinations.control;

import io.lifeboat.testing.TestS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class S3BucketContractTest extends DestinationContract {

    static final String BUCKET = "lifeboat-contract";
    private static final AtomicInteger TESTS = new AtomicInteger();

    static TestS3Server server;
    static S3Client raw;
    S3Bucket bucket;

    @BeforeAll
    static void startServer() {
        server = TestS3Server.start(Path.of("target", "s3-contract-" + ProcessHandle.current().pid(), "data"));
        server.createBucket(BUCKET);
        raw = server.client();
    }

    @AfterAll
    static void stopServer() {
        raw.close();
        server.close();
    }

    /** Each test gets its own prefix in the bucket, so every test starts empty. */
    @BeforeEach
    void openBucket() {
        var location = S3Location.of(server.endpoint(), BUCKET, "test-" + TESTS.incrementAndGet(), "s3-access", "s3-secret")
                .withPartSizeMiB(5);
        bucket = new S3Bucket(location, new S3Credentials(server.accessKeyId(), server.secretKey()));
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    @Override
    Destination destination() {
        return bucket;
    }

    /** Writes with the raw client; an existing object keeps its metadata, so its recorded SHA-256 goes stale. */
    @Override
    void writeBehindTheBack(String key, byte[] content) {
        String objectKey = bucket.objectKey(key);
        Map<String, String> metadata = raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(objectKey)).contents().stream()
                .anyMatch(o -> o.key().equals(objectKey))
                ? raw.headObject(b -> b.bucket(BUCKET).key(objectKey)).metadata() : Map.of();
        raw.putObject(b -> b.bucket(BUCKET).key(objectKey).metadata(metadata), RequestBody.fromBytes(content));
    }

    @Override
    void assertNoUnfinishedUploads() {
        List<String> unfinished = raw.listMultipartUploadsPaginator(b -> b.bucket(BUCKET)
                        .prefix(bucket.location().prefix() + "/"))
                .uploads().stream().map(MultipartUpload::key).toList();
        assertEquals(List.of(), unfinished, "unfinished multipart uploads");
    }
}
