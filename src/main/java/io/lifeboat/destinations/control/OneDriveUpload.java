package io.lifeboat.destinations.control;

import jakarta.json.JsonArray;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An upload into a {@link OneDrive}: the stream goes to a spool file; the commit sends it in an upload session,
 * chunk by chunk from the file, resuming at what Graph says it expects next after a failed chunk.
 */
final class OneDriveUpload implements Upload {

    private static final Logger LOG = Logger.getLogger(OneDriveUpload.class.getName());

    private final OneDrive drive;
    private final String key;
    private final Path spoolFile;
    private final Path sessionFile;
    private final FileChannel channel;
    private final OutputStream stream = new SpoolStream();
    private URI uploadUrl;
    private boolean finished;

    OneDriveUpload(OneDrive drive, String key, Path spoolFile) throws IOException {
        this.drive = drive;
        this.key = key;
        this.spoolFile = spoolFile;
        this.sessionFile = spoolFile.resolveSibling(spoolFile.getFileName().toString()
                .replaceAll(java.util.regex.Pattern.quote(OneDrive.SPOOL) + "$", OneDrive.SESSION));
        createPrivateFolder(drive.spool());
        Files.createDirectories(spoolFile.getParent());
        try {
            this.channel = FileChannel.open(spoolFile, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.READ), ownerOnly("rw-------"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(spoolFile.toString(), null, "another upload of " + key
                    + " is running, or a stopped run left it: remove what stopped runs left (removePartials)");
        }
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
            long size = channel.size();
            if (size == 0) {
                drive.sessions().putEmpty(key);
            } else {
                uploadUrl = drive.sessions().start(key);
                Files.writeString(sessionFile, uploadUrl.toString()); // removePartials cancels it if we die
                send(size);
            }
            finished = true;
            uploadUrl = null;
            clean();
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
        boolean cancelled = true;
        if (uploadUrl != null) {
            try {
                drive.sessions().cancel(uploadUrl);
            } catch (IOException e) {
                cancelled = false;
                LOG.log(Level.WARNING, () -> "Could not cancel the upload session of " + key + " in "
                        + drive.describe() + ": " + e.getMessage() + " The unfinished upload stays invisible; "
                        + "removePartials cancels it later, or it expires.");
            }
        }
        if (cancelled) {
            clean();
        } else {
            closeAndDelete(spoolFile); // keep the session file, so removePartials can cancel the session
        }
    }

    /** Sends the spooled bytes from the start, chunk by chunk, until Graph answers with the completed file. */
    private void send(long size) throws IOException {
        GraphClient graph = drive.graph();
        long chunk = drive.location().chunkBytes();
        // the time to answer, plus the time to send a chunk at 128 KiB/s, a slow uplink
        var chunkTimeout = drive.location().timeout().plusSeconds(chunk / (128 * 1024));
        long position = 0;
        int failures = 0;
        while (true) {
            long length = Math.min(chunk, size - position);
            HttpRequest request = HttpRequest.newBuilder(uploadUrl).timeout(chunkTimeout)
                    .header("Content-Range", "bytes " + position + "-" + (position + length - 1) + "/" + size)
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            rangeOf(position, length)), length)).build();
            Optional<HttpResponse<String>> answer;
            try {
                answer = Optional.of(graph.once(request, HttpResponse.BodyHandlers.ofString()));
            } catch (java.io.InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (++failures >= drive.location().attempts()) {
                    throw GraphFailures.unreachable(drive.location(), "write files", e);
                }
                answer = Optional.empty();
            }
            if (answer.isPresent()) {
                HttpResponse<String> response = answer.get();
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    return;
                }
                if (status == 202) {
                    position = nextExpected(response.body(), size);
                    failures = 0;
                    continue;
                }
                if (status == 404) {
                    throw new IOException("The upload session of " + key + " in " + drive.describe() + " is gone "
                            + "(it expired or was cancelled): the backup must be written again.");
                }
                if (status != 416 && !GraphClient.retryable(status)) {
                    throw drive.refusedOrExplained(response, key);
                }
                if (++failures >= drive.location().attempts()) {
                    throw drive.refusedOrExplained(response, key);
                }
                GraphClient.pause(status == 416 ? Optional.of(java.time.Duration.ZERO) : GraphClient.retryAfter(response),
                        failures);
            } else {
                GraphClient.pause(Optional.empty(), failures);
            }
            position = resume(size);
            if (position == size) {
                return;
            }
        }
    }

    /**
     * Asks the session where to go on after a failed chunk; {@code size} when the session is gone because the
     * last chunk did arrive and only its answer was lost.
     */
    private long resume(long size) throws IOException {
        HttpResponse<String> status = drive.graph().call(HttpRequest.newBuilder(uploadUrl),
                HttpResponse.BodyHandlers.ofString(), "write files", false);
        if (status.statusCode() == 404 && drive.exists(key) && drive.size(key) == size) {
            return size;
        }
        if (status.statusCode() != 200) {
            throw drive.refusedOrExplained(status, key);
        }
        return nextExpected(status.body(), size);
    }

    /** The start of the first of Graph's {@code nextExpectedRanges}, such as "26-" or "26-99". */
    private long nextExpected(String body, long size) throws IOException {
        JsonArray ranges = MicrosoftLogin.json(body).getJsonArray("nextExpectedRanges");
        if (ranges == null || ranges.isEmpty()) {
            throw new IOException("Microsoft Graph did not say which bytes of " + key + " it expects next: "
                    + "retry the backup.");
        }
        String range = ranges.getString(0);
        long start = Long.parseLong(range.substring(0, range.indexOf('-')));
        if (start < 0 || start >= size) {
            throw new IOException("Microsoft Graph expects bytes from " + start + " of " + key + ", which has only "
                    + size + ": retry the backup.");
        }
        return start;
    }

    private java.util.function.Supplier<InputStream> rangeOf(long start, long length) {
        return () -> new RangeStream(channel, start, length);
    }

    private void clean() {
        closeAndDelete(spoolFile);
        try {
            Files.deleteIfExists(sessionFile);
        } catch (IOException ignored) {
            // removePartials sweeps it later
        }
    }

    private void closeAndDelete(Path file) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is removed next
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // removePartials sweeps it later
        }
    }

    /** The spool holds backups, perhaps unencrypted, and pre-authenticated upload URLs: for the owner only. */
    private static void createPrivateFolder(Path folder) throws IOException {
        Files.createDirectories(folder.getParent());
        try {
            Files.createDirectory(folder, ownerOnly("rwx------"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made by an earlier upload
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    /** Bytes {@code [start, start + length)} of the spool file, read with positional reads (no shared position). */
    private static final class RangeStream extends InputStream {

        private final FileChannel channel;
        private long position;
        private long remaining;

        RangeStream(FileChannel channel, long start, long length) {
            this.channel = channel;
            this.position = start;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, remaining)), position);
            if (n < 0) {
                throw new IOException("The spool file ended early: it was changed while it was uploaded");
            }
            position += n;
            remaining -= n;
            return n;
        }
    }

    /** Writes to the spool file; close() only flushes, the upload owns the file. */
    private final class SpoolStream extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (OneDriveUpload.this) {
                if (finished) {
                    throw new IOException("The upload of " + key + " to " + drive.describe()
                            + " is already committed or aborted: start a new upload");
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                try {
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                } catch (IOException e) {
                    if (String.valueOf(e.getMessage()).contains("No space left")) {
                        throw new DestinationFullException("the spool folder " + drive.spool() + " of "
                                + drive.describe(), key, e);
                    }
                    throw e;
                }
            }
        }

        @Override
        public void close() {
            // the upload closes the file on commit or abort
        }
    }
}
