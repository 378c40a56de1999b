package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.CopyStatus;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.destinations.control.LocalFolder;
import io.lifeboat.destinations.control.NamedDestination;
import io.lifeboat.destinations.control.S3Bucket;
import io.lifeboat.destinations.control.S3Credentials;
import io.lifeboat.destinations.control.S3Location;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.TestDatabase;
import io.lifeboat.testing.TestS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real dump into a local folder and a real S3 server at once; the S3 server dies half-way through. */
class DumpToSeveralDestinationsTest {

    private static final String BUCKET = "lifeboat-fanout";
    private static final long MIB = 1024 * 1024;

    private static TestDatabase db;
    private static TestS3Server server;
    private static String database;

    @TempDir
    Path local;
    @TempDir
    Path passFiles;

    @BeforeAll
    static void start() {
        db = TestDatabase.get();
        database = db.createDatabase("fanout");
        // about 64 MB of random bytes: zstd cannot shrink them, so the S3 upload runs for many parts
        db.execute(database, """
                create table blobs (id int primary key, body bytea);
                insert into blobs select g, decode(md5(random()::text) || md5(random()::text)
                    || md5(random()::text) || md5(random()::text), 'hex') from generate_series(1, 1000000) g;
                create table orders (id int primary key);
                insert into orders select generate_series(1, 50);
                """);
        server = TestS3Server.start(Path.of("target", "s3-fanout-" + ProcessHandle.current().pid(), "data"));
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bothCopiesAreCompleteAndIdenticalWhenNothingFails() throws Exception {
        var folder = new LocalFolder(local);
        try (S3Bucket bucket = bucket("healthy")) {
            DumpResult result = dump().run(request(), List.of(new NamedDestination("local", folder),
                    new NamedDestination("offsite", bucket)), new DumpProgress());

            assertEquals(List.of(new DumpResult.Copy("local", CopyStatus.COMPLETE, ""),
                    new DumpResult.Copy("offsite", CopyStatus.COMPLETE, "")), result.copies());
            assertEquals("", result.warning());
            var keys = new BackupKeys("crm", result.manifest().id(), result.manifest().startedAt());
            String artifact = keys.artifact(BackupFormat.CUSTOM_ZSTD);
            assertEquals(List.of(artifact, keys.manifest()), folder.list("crm/"));
            assertEquals(List.of(artifact, keys.manifest()), bucket.list("crm/"));
            for (var destination : List.of(folder, bucket)) {
                try (InputStream in = Destinations.verified(destination, artifact, result.manifest().dump().sha256())) {
                    assertEquals(result.manifest().dump().size(), in.transferTo(java.io.OutputStream.nullOutputStream()));
                }
            }
        }
    }

    @Test
    void whenTheS3ServerStopsMidUploadTheLocalCopyIsCompleteAndTheS3CopyFailedWithItsReason() throws Exception {
        var folder = new LocalFolder(local);
        try (S3Bucket bucket = bucket("killed")) {
            var progress = new DumpProgress();
            var killed = new AtomicBoolean();
            Thread killer = killWhenWritten(progress, 12 * MIB, killed);
            DumpResult result;
            try {
                result = dump().run(request(), List.of(new NamedDestination("local", folder),
                        new NamedDestination("offsite", bucket)), progress);
            } finally {
                killer.interrupt();
                killer.join();
                server.restart();
            }
            assertTrue(killed.get(), "the S3 server was stopped while the dump was being written");

            var local = result.copies().get(0);
            var offsite = result.copies().get(1);
            assertEquals(new DumpResult.Copy("local", CopyStatus.COMPLETE, ""), local);
            assertEquals(CopyStatus.FAILED, offsite.status());
            assertTrue(offsite.reason().startsWith("Writing to " + bucket.describe() + " failed: Could not reach "
                    + server.endpoint()), offsite.reason());
            assertTrue(result.warning().startsWith("Warning: 1 of 2 copies failed; offsite: Writing to"), result.warning());
            assertTrue(progress.log().contains(result.warning()), "the run log says so: " + progress.log());

            var keys = new BackupKeys("crm", result.manifest().id(), result.manifest().startedAt());
            String artifact = keys.artifact(BackupFormat.CUSTOM_ZSTD);
            assertEquals(List.of(artifact, keys.manifest()), folder.list("crm/"), "the local copy is complete and listed");
            try (InputStream in = Destinations.verified(folder, artifact, result.manifest().dump().sha256())) {
                assertTrue(in.transferTo(java.io.OutputStream.nullOutputStream()) > 60 * MIB);
            }
            assertEquals(List.of(), bucket.list(""), "no object of the failed copy is visible in S3");

            // the abort could not reach the dead server; retention's clean-up of a failed copy removes the upload
            BackupRemoval.removeFolder(bucket, keys.folder());
            assertEquals(List.of(), unfinishedUploads("killed/"), "no multipart upload is left behind");
            assertEquals(List.of(), bucket.list(""));
        }
    }

    @Test
    void whenEveryCopyFailsTheBackupFailsAndNamesEachReason() throws Exception {
        var folder = new LocalFolder(local);
        try (S3Bucket missing = new S3Bucket(location(server.endpoint(), "no-such-bucket", "x"), credentials())) {
            var dead = new S3Bucket(location(java.net.URI.create("http://127.0.0.1:9"), BUCKET, "x"), credentials());
            var failure = org.junit.jupiter.api.Assertions.assertThrows(BackupFailedException.class, () -> dump().run(
                    request(), List.of(new NamedDestination("missing", missing), new NamedDestination("dead", dead)),
                    new DumpProgress()));
            dead.close();
            assertTrue(failure.getMessage().contains("Every copy failed; missing: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("The bucket no-such-bucket does not exist"), failure.getMessage());
            assertTrue(failure.getMessage().contains("; dead: "), failure.getMessage());
            assertEquals(List.of(), folder.list(""));
        }
    }

    /** Stops the S3 server once the dump has written {@code bytes}: parts have been uploaded by then. */
    private static Thread killWhenWritten(DumpProgress progress, long bytes, AtomicBoolean killed) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (progress.bytesWritten() >= bytes) {
                    server.kill();
                    killed.set(progress.phase() == DumpProgress.Phase.DUMPING);
                    return;
                }
                Thread.onSpinWait();
            }
        }, "kills the S3 server");
        thread.start();
        return thread;
    }

    private Dump dump() {
        return new Dump(PgClientTools.withDefaults(List.of()), Duration.ofSeconds(5), passFiles, Clock.systemUTC());
    }

    private static DumpRequest request() {
        var login = new DatabaseLogin(db.host(), db.port(), database, db.superuser(), db.password());
        return DumpRequest.of(BackupKeys.newBackupId(Instant.now()), "crm", login, BackupFormat.CUSTOM_ZSTD,
                Trigger.MANUAL, "alice").withStallTimeout(Duration.ofSeconds(60)).withZstd(1, 1);
    }

    private static S3Bucket bucket(String prefix) {
        return new S3Bucket(location(server.endpoint(), BUCKET, prefix), credentials());
    }

    private static S3Location location(java.net.URI endpoint, String bucket, String prefix) {
        return S3Location.of(endpoint, bucket, prefix, "offsite-access", "offsite-secret")
                .withPartSizeMiB(5).withAttempts(2, Duration.ofSeconds(3));
    }

    private static S3Credentials credentials() {
        return new S3Credentials(server.accessKeyId(), server.secretKey());
    }

    private static List<String> unfinishedUploads(String prefix) {
        try (var client = server.client()) {
            return client.listMultipartUploadsPaginator(b -> b.bucket(BUCKET).prefix(prefix)).uploads().stream()
                    .map(MultipartUpload::key).toList();
        }
    }
}
