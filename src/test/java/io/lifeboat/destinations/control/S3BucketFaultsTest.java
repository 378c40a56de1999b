package io.lifeboat.destinations.control;

import io.lifeboat.testing.TestDatabase;
import io.lifeboat.testing.TestS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.lifeboat.destinations.control.DestinationContract.bytes;
import static io.lifeboat.destinations.control.DestinationContract.put;
import static io.lifeboat.destinations.control.DestinationContract.writeInOddChunks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An S3 destination when things go wrong: a server that dies, bad keys, a missing bucket, no network. */
class S3BucketFaultsTest {

    static final String BUCKET = "lifeboat-faults";
    static final int MIB = 1024 * 1024;

    static TestS3Server server;

    @BeforeAll
    static void startServer() {
        server = TestS3Server.start(Path.of("target", "s3-faults-" + ProcessHandle.current().pid(), "data"));
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Small part size, two tries and short timeouts, so failures come quickly. */
    static S3Location location(URI endpoint, String bucket, String prefix) {
        return S3Location.of(endpoint, bucket, prefix, "offsite-access", "offsite-secret")
                .withPartSizeMiB(5).withAttempts(2, Duration.ofSeconds(3));
    }

    static S3Bucket bucket(String prefix, List<ExecutionInterceptor> interceptors) {
        return new S3Bucket(location(server.endpoint(), BUCKET, prefix),
                new S3Credentials(server.accessKeyId(), server.secretKey()), interceptors);
    }

    @Test
    void aServerStoppedMidUploadFailsItClearlyAndLeavesNoObject() throws IOException {
        var firstPartStored = new CountDownLatch(1);
        ExecutionInterceptor partsStored = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if ("UploadPart".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    firstPartStored.countDown();
                }
            }
        };
        try (S3Bucket bucket = bucket("killed", List.of(partsStored))) {
            Upload upload = bucket.create("crm/b1/dump.pgc.zst");
            byte[] content = bytes(12 * MIB, 11);
            writeInOddChunks(upload.stream(), content, 0, 6 * MIB);
            // parts go out from a sender thread: kill the server once it holds the first one, not while it writes it
            assertTrue(awaitQuietly(firstPartStored), "the first part reached the server");
            server.kill();
            try {
                var e = assertThrows(IOException.class, () -> { // from a later write, or at the latest the commit
                    writeInOddChunks(upload.stream(), content, 6 * MIB, content.length);
                    upload.commit();
                });
                assertTrue(e.getMessage().startsWith("Could not reach " + server.endpoint() + " to write objects in bucket "
                        + BUCKET + ": check the endpoint"), e.getMessage());
                upload.close(); // the abort cannot reach the server either: it logs and gives up
                assertThrows(IllegalStateException.class, upload::commit);
            } finally {
                server.restart();
            }

            assertFalse(bucket.exists("crm/b1/dump.pgc.zst"));
            assertEquals(List.of(), bucket.list(""));
            // the multipart upload the dead server held is still there: invisible, but taking space
            assertEquals(List.of("killed/crm/b1/dump.pgc.zst"), unfinishedUploads("killed/"));
            assertEquals(1, bucket.removePartials("crm/"));
            assertEquals(List.of(), unfinishedUploads("killed/"));
            assertEquals(List.of(), filesOfUnfinishedUploads(), "s3proxy keeps no part files after the abort");
        }
    }

    @Test
    void wrongCredentialsAreNamedWithTheirAliasesNeverTheirValues() {
        for (var credentials : List.of(new S3Credentials(server.accessKeyId(), "wrong-secret-value"),
                new S3Credentials("unknown-access-key", server.secretKey()))) {
            try (var bucket = new S3Bucket(location(server.endpoint(), BUCKET, "p"), credentials)) {
                var e = assertThrows(IOException.class, () -> bucket.create("crm/b1/manifest.json"));
                assertTrue(e.getMessage().startsWith("S3 refused the credentials for bucket " + BUCKET + " at "
                        + server.endpoint()), e.getMessage());
                assertTrue(e.getMessage().contains("check the access key alias 'offsite-access' and the secret key "
                        + "alias 'offsite-secret'"), e.getMessage());
                assertFalse(e.getMessage().contains(credentials.secretKey()), "the secret key is never shown");

                var probe = Probe.run(bucket);
                assertFalse(probe.ok());
                assertEquals(Probe.Step.WRITE, probe.failedStep().orElseThrow());
                assertTrue(probe.message().startsWith("The write step failed on " + bucket.describe()
                        + ": S3 refused the credentials"), probe.message());
            }
        }
    }

    @Test
    void aMissingBucketIsToldApartFromAMissingObject() throws IOException {
        try (var bucket = new S3Bucket(location(server.endpoint(), "no-such-bucket", ""),
                new S3Credentials(server.accessKeyId(), server.secretKey()))) {
            String expected = "The bucket no-such-bucket does not exist at " + server.endpoint()
                    + ": create it or fix the name";
            for (var action : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> bucket.create("a/b"), () -> bucket.list(""), () -> bucket.size("a/b"), () -> bucket.open("a/b"))) {
                Throwable e = assertThrows(Exception.class, action);
                String message = e instanceof java.io.UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
                assertTrue(message.startsWith(expected), message);
            }
            var probe = Probe.run(bucket);
            assertFalse(probe.ok());
            assertTrue(probe.message().contains(expected), probe.message());
        }
        try (var bucket = bucket("present", List.of())) {
            var e = assertThrows(NoSuchFileException.class, () -> bucket.size("a/b"));
            assertTrue(e.getMessage().contains("no such object"), e.getMessage());
            assertThrows(NoSuchFileException.class, () -> bucket.open("a/b"));
        }
    }

    @Test
    void anUnreachableEndpointIsRetriedWithBackOffThenNamed() {
        var recorder = new RecordingInterceptor();
        URI nowhere = URI.create("http://127.0.0.1:" + TestDatabase.freePort());
        var location = location(nowhere, BUCKET, "").withAttempts(3, Duration.ofSeconds(2));
        try (var bucket = new S3Bucket(location, new S3Credentials("a", "b"), List.of(recorder))) {
            long started = System.nanoTime();
            var e = assertThrows(IOException.class, () -> bucket.list(""));
            assertTrue(e.getMessage().startsWith("Could not reach " + nowhere + " to list objects in bucket " + BUCKET
                    + ": check the endpoint"), e.getMessage());
            assertEquals(3, recorder.of("ListObjectsV2").size(), "one try and two retries");
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos());

            var probe = Probe.run(bucket);
            assertEquals(Probe.Step.WRITE, probe.failedStep().orElseThrow());
            assertTrue(probe.message().contains("Could not reach " + nowhere), probe.message());
        }
    }

    @Test
    void everyRequestCarriesItsChecksumAndTheNoOverwriteCondition() throws IOException {
        var recorder = new RecordingInterceptor();
        try (var bucket = bucket("headers", List.of(recorder))) {
            put(bucket, "big", bytes(11 * MIB, 12));
            put(bucket, "small", bytes(1000, 13));

            assertEquals("SHA256", recorder.of("CreateMultipartUpload").get(0).header("x-amz-checksum-algorithm"));
            List<RecordingInterceptor.Sent> parts = recorder.of("UploadPart");
            assertEquals(3, parts.size(), "11 MiB in parts of 5 MiB");
            parts.forEach(p -> assertNotNull(p.header("x-amz-checksum-sha256"), "each part carries its SHA-256"));
            assertEquals("*", recorder.of("CompleteMultipartUpload").get(0).header("If-None-Match"));
            var single = recorder.of("PutObject").get(0);
            assertEquals("*", single.header("If-None-Match"));
            assertEquals(DestinationContract.sha256(bytes(1000, 13)), single.header("x-amz-meta-sha256"));
            assertEquals(DestinationContract.sha256(bytes(1000, 13)), bucket.sha256("small"));
        }
    }

    @Test
    void theServerRejectsAPartWhoseChecksumDoesNotMatch() throws IOException {
        ExecutionInterceptor damagesPartChecksums = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                if (!"UploadPart".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    return context.httpRequest();
                }
                return context.httpRequest().toBuilder()
                        .putHeader("x-amz-checksum-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=").build();
            }
        };
        try (var bucket = bucket("damaged", List.of(damagesPartChecksums))) {
            var e = assertThrows(IOException.class, () -> put(bucket, "big", bytes(6 * MIB, 14)));
            assertTrue(e.getMessage().startsWith("S3 at " + server.endpoint() + " received data for bucket " + BUCKET
                    + " whose checksum did not match (BadDigest): it was damaged on the way"), e.getMessage());
            assertEquals(List.of(), bucket.list(""));
            assertEquals(List.of(), unfinishedUploads("damaged/"));
        }
    }

    @Test
    void aPutWhoseAnswerWasLostIsNotMistakenForSomeoneElsesObject() throws IOException {
        var recorder = new RecordingInterceptor();
        try (var bucket = bucket("lost", List.of(recorder, losesTheFirstAnswerTo("PutObject")))) {
            put(bucket, "manifest.json", bytes(2000, 21));
            assertEquals(2, recorder.of("PutObject").size(), "the SDK sent the PUT again");
            assertEquals(DestinationContract.sha256(bytes(2000, 21)), bucket.sha256("manifest.json"));

            // a different object under the key is still refused
            var e = assertThrows(java.nio.file.FileAlreadyExistsException.class,
                    () -> put(bucket, "manifest.json", bytes(2000, 22)));
            assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        }
    }

    @Test
    void aCompletionWhoseAnswerWasLostIsNotMistakenForSomeoneElsesObject() throws IOException {
        var recorder = new RecordingInterceptor();
        byte[] content = bytes(7 * MIB, 23); // two parts
        try (var bucket = bucket("lost-mpu", List.of(recorder, losesTheFirstAnswerTo("CompleteMultipartUpload")))) {
            put(bucket, "dump.pgc.zst", content);
            assertEquals(2, recorder.of("CompleteMultipartUpload").size(), "the SDK sent the completion again");
            assertEquals(DestinationContract.sha256(content), bucket.sha256("dump.pgc.zst"));

            var e = assertThrows(java.nio.file.FileAlreadyExistsException.class,
                    () -> put(bucket, "dump.pgc.zst", bytes(7 * MIB, 24)));
            assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
            assertEquals(List.of(), unfinishedUploads("lost-mpu/"));
        }
    }

    /** The server does the operation, but the client hears a server error the first time, so the SDK retries it. */
    private static ExecutionInterceptor losesTheFirstAnswerTo(String operation) {
        var attempts = new java.util.concurrent.atomic.AtomicInteger();
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                boolean matches = operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                if (matches && attempts.getAndIncrement() == 0) {
                    return context.httpResponse().toBuilder().statusCode(500).build();
                }
                return context.httpResponse();
            }
        };
    }

    @Test
    void objectLockRetentionIsRequestedAndAServerWithoutItIsNamed() {
        var recorder = new RecordingInterceptor();
        var location = location(server.endpoint(), BUCKET, "locked")
                .withRetention(new S3Location.Retention(30, S3Location.Retention.Mode.COMPLIANCE));
        try (var bucket = new S3Bucket(location, new S3Credentials(server.accessKeyId(), server.secretKey()),
                List.of(recorder))) {
            for (int size : new int[]{100, 6 * MIB}) {
                var e = assertThrows(IOException.class, () -> put(bucket, "o" + size, bytes(size, size)));
                assertTrue(e.getMessage().startsWith("The S3 server at " + server.endpoint() + " does not support "
                        + "object lock"), e.getMessage());
            }
            for (var sent : List.of(recorder.of("PutObject").get(0), recorder.of("CreateMultipartUpload").get(0))) {
                assertEquals("COMPLIANCE", sent.header("x-amz-object-lock-mode"));
                Instant until = Instant.parse(sent.header("x-amz-object-lock-retain-until-date"));
                Instant expected = Instant.now().plus(30, ChronoUnit.DAYS);
                assertTrue(Duration.between(until, expected).abs().toMinutes() < 5, until.toString());
            }
        }
    }

    @Test
    void accessDeniedSaysWhichPermissionIsMissing() {
        var denied = S3Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build())
                .build();
        String message = S3Failures.explain((S3Exception) denied, location(server.endpoint(), BUCKET, "crm"),
                "delete objects").getMessage();
        assertTrue(message.startsWith("S3 at " + server.endpoint() + " gave no permission to delete objects in bucket "
                + BUCKET + " under crm/ (AccessDenied): grant the key of alias 'offsite-access'"), message);
    }

    @Test
    void secretsNeverShowInDescriptions() {
        var credentials = new S3Credentials("AKIAEXAMPLEKEY", "very-secret-value");
        try (var bucket = new S3Bucket(location(server.endpoint(), BUCKET, "crm"), credentials)) {
            assertEquals("S3 bucket " + BUCKET + "/crm at " + server.endpoint(), bucket.describe());
            assertEquals(bucket.describe(), bucket.toString());
            assertFalse(credentials.toString().contains("very-secret-value"), credentials.toString());
            assertFalse(credentials.toString().contains("AKIAEXAMPLEKEY"), credentials.toString());
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> unfinishedUploads(String prefix) {
        try (var client = server.client()) {
            return client.listMultipartUploadsPaginator(b -> b.bucket(BUCKET).prefix(prefix)).uploads().stream()
                    .map(MultipartUpload::key).toList();
        }
    }

    private static List<Path> filesOfUnfinishedUploads() throws IOException {
        try (Stream<Path> files = Files.walk(server.basedir().resolve(BUCKET))) {
            return files.filter(f -> f.getFileName().toString().startsWith(".mpus-")
                    || f.getFileName().toString().startsWith(".s3proxy-mpu")).toList();
        }
    }
}
