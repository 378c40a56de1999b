package io.lifeboat.destinations.control;

import jakarta.json.JsonArray;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * Sends a spooled file to a Graph upload session in chunks of the location's size (a multiple of 320 KiB), each
 * with its {@code Content-Range}, read from the file as it goes (no chunk is held in memory). After a failed
 * chunk it asks the session which bytes it expects next ({@code nextExpectedRanges}) and goes on from there.
 */
final class ChunkSender {

    private final OneDrive drive;
    private final String key;
    private final URI uploadUrl;
    private final FileChannel channel;

    ChunkSender(OneDrive drive, String key, URI uploadUrl, FileChannel channel) {
        this.drive = drive;
        this.key = key;
        this.uploadUrl = uploadUrl;
        this.channel = channel;
    }

    /** Sends the spooled bytes from the start, chunk by chunk, until Graph answers with the completed file. */
    void send(long size) throws IOException {
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
}
