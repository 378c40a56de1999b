package io.lifeboat.destinations.control;

import io.lifeboat.Sha256;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An upload into an {@link S3Bucket}. It holds at most two parts in memory: a full part is sent (with its
 * SHA-256) by a sender thread while the next one fills, and the part after that waits until the first is
 * acknowledged, so a slow server slows the backup down instead of filling memory. The multipart upload starts
 * with the second part; an object that fits in one part is a single conditional PUT on commit. Nothing is
 * visible under the key before commit.
 */
final class S3Upload implements Upload {

    private static final Logger LOG = Logger.getLogger(S3Upload.class.getName());
    private static final int MAX_PARTS = 10_000;
    private static final int FIRST_BUFFER = 64 * 1024;
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "s3 part sender");
        thread.setDaemon(true);
        return thread;
    });

    private final S3Bucket bucket;
    private final S3Location location;
    private final String key;
    private final String objectKey;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final OutputStream stream = new PartStream();
    private byte[] buffer = new byte[FIRST_BUFFER];
    private int filled;
    private Sending sending;
    private byte[] spare;
    private String uploadId;
    private boolean finished;

    S3Upload(S3Bucket bucket, String key, String objectKey) {
        this.bucket = bucket;
        this.location = bucket.location();
        this.key = key;
        this.objectKey = objectKey;
        this.partSize = Math.toIntExact(location.partSizeBytes());
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized void commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("The upload of " + key + " is already committed or aborted");
        }
        try {
            if (uploadId == null) {
                putWhole();
            } else {
                sendPart();
                awaitSent();
                complete();
            }
            finished = true;
        } finally {
            if (!finished) {
                abort();
            }
        }
    }

    @Override
    public synchronized void abort() {
        if (finished) {
            return;
        }
        finished = true;
        buffer = null;
        spare = null;
        if (sending != null) { // let a part on its way land before the upload is aborted, or it may outlive the abort
            sending.part().exceptionally(e -> null).join();
            sending = null;
        }
        if (uploadId != null) {
            try {
                bucket.client().abortMultipartUpload(b -> b.bucket(location.bucket()).key(objectKey).uploadId(uploadId));
            } catch (SdkException e) {
                LOG.log(Level.WARNING, () -> "Could not abort the unfinished upload of " + key + " in "
                        + bucket.describe() + ": " + bucket.explain(e, "abort multipart uploads").getMessage()
                        + " The unfinished upload stays invisible; removePartials or a lifecycle rule removes it later.");
            }
        }
    }

    private void putWhole() throws IOException {
        MessageDigest digest = Sha256.digest(); // the whole object is this one buffer, hashed once here
        digest.update(buffer, 0, filled);
        byte[] sha256 = digest.digest();
        try {
            put(sha256, true);
        } catch (SdkException e) {
            if (isPreconditionFailure(e) && landedEarlier(sha256)) {
                return;
            }
            if (!S3Failures.isCode(e, "NotImplemented") || location.retention().isPresent()) {
                throw failure(e, "write objects");
            }
            if (bucket.holds(objectKey)) { // a server without conditional writes: check, then put (see complete())
                throw alreadyExists();
            }
            try {
                put(sha256, false);
            } catch (SdkException again) {
                throw failure(again, "write objects");
            }
        }
    }

    private void put(byte[] sha256, boolean onlyIfNew) {
        byte[] body = buffer;
        int length = filled;
        bucket.client().putObject(b -> {
            b.bucket(location.bucket()).key(objectKey)
                    .metadata(Map.of(S3Bucket.SHA256_METADATA, HexFormat.of().formatHex(sha256)))
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(Base64.getEncoder().encodeToString(sha256));
            if (onlyIfNew) {
                b.ifNoneMatch("*");
            }
            location.retention().ifPresent(r -> b.objectLockMode(ObjectLockMode.fromValue(r.mode().name()))
                    .objectLockRetainUntilDate(retainUntil(r)));
        }, body(body, length));
    }

    private void start() throws IOException {
        try {
            uploadId = bucket.client().createMultipartUpload(b -> {
                b.bucket(location.bucket()).key(objectKey).checksumAlgorithm(ChecksumAlgorithm.SHA256);
                location.retention().ifPresent(r -> b.objectLockMode(ObjectLockMode.fromValue(r.mode().name()))
                        .objectLockRetainUntilDate(retainUntil(r)));
            }).uploadId();
        } catch (SdkException e) {
            throw failure(e, "write objects");
        }
    }

    /** Hands the buffered bytes to the sender as the next part, once the part before it is acknowledged. */
    private void sendPart() throws IOException {
        awaitSent();
        if (uploadId == null) {
            start();
        }
        if (parts.size() == MAX_PARTS) {
            throw new IOException("The object " + key + " is larger than " + MAX_PARTS + " parts of "
                    + location.partSizeMiB() + " MiB for " + bucket.describe()
                    + ": raise partSizeMiB in the destination's location.");
        }
        int number = parts.size() + 1;
        byte[] body = buffer;
        int length = filled;
        String id = uploadId;
        sending = new Sending(body, CompletableFuture.supplyAsync(() -> {
            String checksum = partSha256(body, length); // on the sender, while the next part fills
            String etag = bucket.client().uploadPart(b -> b.bucket(location.bucket()).key(objectKey).uploadId(id)
                    .partNumber(number).contentLength((long) length)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(checksum),
                    body(body, length)).eTag();
            return CompletedPart.builder().partNumber(number).eTag(etag).checksumSHA256(checksum).build();
        }, SENDERS));
        buffer = spare != null ? spare : new byte[partSize];
        spare = null;
        filled = 0;
    }

    /** Waits for the part on its way, if any, and records it; its buffer is filled again next. */
    private void awaitSent() throws IOException {
        if (sending == null) {
            return;
        }
        Sending sent = sending;
        sending = null;
        try {
            parts.add(sent.part().join());
            spare = sent.body();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw failure(sdk, "write objects");
            }
            throw new IOException("Could not send a part of " + key + " to " + bucket.describe() + ": "
                    + e.getCause(), e.getCause());
        }
    }

    /** A part on its way to the server, and the buffer it is sent from. */
    private record Sending(byte[] body, CompletableFuture<CompletedPart> part) {
    }

    /**
     * Completes with {@code If-None-Match: *}, so an object created meanwhile is never replaced. A server that
     * does not implement the condition gets a check right before completing instead: two uploads of the same
     * key completing within that gap could then replace one another.
     */
    private void complete() throws IOException {
        try {
            bucket.client().completeMultipartUpload(b -> b.bucket(location.bucket()).key(objectKey).uploadId(uploadId)
                    .ifNoneMatch("*").multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            boolean answerLost = isPreconditionFailure(e) || S3Failures.isCode(e, "NoSuchUpload");
            if (answerLost && completedEarlier()) { // a retry after an attempt that completed it
                return;
            }
            if (!S3Failures.isCode(e, "NotImplemented")) {
                throw failure(e, "write objects");
            }
            if (bucket.holds(objectKey)) {
                throw alreadyExists();
            }
            try {
                bucket.client().completeMultipartUpload(b -> b.bucket(location.bucket()).key(objectKey)
                        .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            } catch (SdkException again) {
                throw failure(again, "write objects");
            }
        }
    }

    private static boolean isPreconditionFailure(SdkException e) {
        return S3Failures.isCode(e, "PreconditionFailed") || S3Failures.isCode(e, "ConditionalRequestConflict");
    }

    /**
     * Whether the object that made a conditional PUT fail is this very upload: the SDK retries a PUT whose answer
     * was lost, and the retry then finds the object the first attempt created.
     */
    private boolean landedEarlier(byte[] sha256) {
        String ours = HexFormat.of().formatHex(sha256);
        return existing(false).map(object -> object.metadata().get(S3Bucket.SHA256_METADATA))
                .filter(ours::equals).isPresent();
    }

    /**
     * Whether the object that made a retried completion fail (the condition, or an upload no longer there) is this
     * upload, completed by an attempt whose answer was lost: its composite checksum (the SHA-256 of the parts'
     * SHA-256s, "-" and the part count) is ours.
     */
    private boolean completedEarlier() {
        MessageDigest composite = Sha256.digest();
        for (CompletedPart part : parts) {
            composite.update(Base64.getDecoder().decode(part.checksumSHA256()));
        }
        String ours = Base64.getEncoder().encodeToString(composite.digest()) + "-" + parts.size();
        return existing(true).map(HeadObjectResponse::checksumSHA256).filter(ours::equals).isPresent();
    }

    /**
     * What is under this upload's key now, with its checksum when asked for, or nothing when that cannot be read
     * (then it is not ours to claim).
     */
    private Optional<HeadObjectResponse> existing(boolean withChecksum) {
        try {
            return Optional.of(bucket.client().headObject(b -> b.bucket(location.bucket()).key(objectKey)
                    .checksumMode(withChecksum ? ChecksumMode.ENABLED : null)));
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    private IOException failure(SdkException e, String action) {
        if (isPreconditionFailure(e)) {
            return alreadyExists();
        }
        if (S3Failures.isCode(e, "NotImplemented") && location.retention().isPresent()) {
            return new IOException("The S3 server at " + location.server() + " does not support object lock, which "
                    + "the destination's retentionDays asks for: remove retentionDays and retentionMode from its "
                    + "location, or use a bucket with object lock enabled on a server that supports it.", e);
        }
        return bucket.explain(e, action);
    }

    private FileAlreadyExistsException alreadyExists() {
        return new FileAlreadyExistsException(bucket.describe() + "/" + key, null,
                "another upload created this object meanwhile; objects are never overwritten");
    }

    private static Instant retainUntil(S3Location.Retention retention) {
        return Instant.now().plus(retention.days(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String partSha256(byte[] bytes, int length) {
        MessageDigest digest = Sha256.digest();
        digest.update(bytes, 0, length);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    /** The bytes without a copy; a retry reads them again from the start. */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }

    /** Fills the part buffer, growing it up to one part, and sends a full part before taking more bytes. */
    private final class PartStream extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (S3Upload.this) {
                if (finished) {
                    throw new IOException("The upload of " + key + " to " + bucket.describe()
                            + " is already committed or aborted: start a new upload");
                }
                while (length > 0) {
                    if (filled == partSize) {
                        sendFullPart();
                    }
                    if (filled == buffer.length) {
                        buffer = Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 2));
                    }
                    int n = Math.min(length, buffer.length - filled);
                    System.arraycopy(bytes, offset, buffer, filled, n);
                    filled += n;
                    offset += n;
                    length -= n;
                }
            }
        }

        /** A part that cannot be sent ends the upload: what was sent is aborted and memory freed. */
        private void sendFullPart() throws IOException {
            try {
                sendPart();
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        @Override
        public void close() {
            // the upload sends the last part on commit
        }
    }
}
