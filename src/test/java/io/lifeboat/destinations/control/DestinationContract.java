package io.lifeboat.destinations.control;

import io.lifeboat.Sha256;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link Destination} must do. A subclass gives a fresh, empty destination per test, a way to damage
 * a stored object behind the destination's back, and a check that no trace of unfinished uploads remains.
 */
abstract class DestinationContract {

    /** Big enough to take several parts of a multipart upload with a 5 MiB part size. */
    static final int BIG = 20 * 1024 * 1024 + 12_345;

    /** An empty destination, new for each test. */
    abstract Destination destination();

    /**
     * Writes {@code content} under {@code key} without going through the destination, as another writer or
     * damaged storage would; an existing object keeps whatever checksum the destination recorded for it.
     */
    abstract void writeBehindTheBack(String key, byte[] content) throws IOException;

    /** Fails when anything of an unfinished upload (partial file, multipart upload) is left. */
    abstract void assertNoUnfinishedUploads() throws IOException;

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static void put(Destination destination, String key, byte[] content) throws IOException {
        try (Upload upload = destination.create(key)) {
            writeInOddChunks(upload.stream(), content, 0, content.length);
            upload.commit();
        }
    }

    /** Writes in chunks of uneven sizes, as a compressor would, so part boundaries fall inside writes. */
    static void writeInOddChunks(OutputStream out, byte[] content, int from, int to) throws IOException {
        int[] sizes = {1, 7_001, 65_536, 1_000_003, 13};
        for (int offset = from, i = 0; offset < to; i++) {
            int n = Math.min(sizes[i % sizes.length], to - offset);
            if (n == 1) {
                out.write(content[offset]);
            } else {
                out.write(content, offset, n);
            }
            offset += n;
        }
    }

    static byte[] read(Destination destination, String key) throws IOException {
        try (InputStream in = destination.open(key)) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] content) {
        var digest = Sha256.digest();
        digest.update(content);
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void putThenGetGivesBackTheSameBytesSizeAndChecksum() throws IOException {
        var destination = destination();
        byte[] content = bytes(BIG, 1);
        put(destination, "crm/2025/01/b1/dump.pgc.zst", content);

        assertArrayEquals(content, read(destination, "crm/2025/01/b1/dump.pgc.zst"));
        assertEquals(content.length, destination.size("crm/2025/01/b1/dump.pgc.zst"));
        assertEquals(sha256(content), destination.sha256("crm/2025/01/b1/dump.pgc.zst"));
        assertTrue(destination.exists("crm/2025/01/b1/dump.pgc.zst"));
    }

    @Test
    void smallAndEmptyObjectsRoundTrip() throws IOException {
        var destination = destination();
        put(destination, "crm/b1/manifest.json", "{\"id\":\"b1\"}".getBytes(StandardCharsets.UTF_8));
        put(destination, "crm/b1/empty", new byte[0]);

        assertEquals("{\"id\":\"b1\"}", new String(read(destination, "crm/b1/manifest.json"), StandardCharsets.UTF_8));
        assertEquals(0, destination.size("crm/b1/empty"));
        assertArrayEquals(new byte[0], read(destination, "crm/b1/empty"));
        assertEquals(sha256(new byte[0]), destination.sha256("crm/b1/empty"));
    }

    @Test
    void listIsSortedFilteredByPrefixAndShowsCompleteObjectsOnly() throws IOException {
        var destination = destination();
        for (String key : List.of("shop/2025/02/b3/manifest.json", "crm/2025/01/b1/manifest.json",
                "crm/2025/01/b1/dump.pgc.zst", "crm/2025/02/b2/manifest.json", "crmx/a")) {
            put(destination, key, key.getBytes(StandardCharsets.UTF_8));
        }
        try (Upload unfinished = destination.create("crm/2025/02/b2/dump.pgc.zst")) {
            unfinished.stream().write(bytes(1000, 2));

            assertEquals(List.of("crm/2025/01/b1/dump.pgc.zst", "crm/2025/01/b1/manifest.json",
                    "crm/2025/02/b2/manifest.json", "crmx/a", "shop/2025/02/b3/manifest.json"), destination.list(""));
            assertEquals(List.of("crm/2025/01/b1/dump.pgc.zst", "crm/2025/01/b1/manifest.json",
                    "crm/2025/02/b2/manifest.json"), destination.list("crm/"));
            assertEquals(List.of("crm/2025/01/b1/manifest.json"), destination.list("crm/2025/01/b1/man"));
            assertEquals(List.of(), destination.list("nothing/"));
        }
    }

    @Test
    void deleteRemovesTheObjectAndIsQuietWhenItIsGone() throws IOException {
        var destination = destination();
        put(destination, "crm/b1/manifest.json", new byte[]{1});
        put(destination, "crm/b1/dump.pgc.zst", new byte[]{2});

        destination.delete("crm/b1/manifest.json");
        destination.delete("crm/b1/manifest.json");

        assertFalse(destination.exists("crm/b1/manifest.json"));
        assertEquals(List.of("crm/b1/dump.pgc.zst"), destination.list(""));
        assertThrows(IOException.class, () -> read(destination, "crm/b1/manifest.json"));
    }

    @Test
    void refusesToOverwriteAnExistingObject() throws IOException {
        var destination = destination();
        put(destination, "crm/b1/manifest.json", "first".getBytes(StandardCharsets.UTF_8));

        var e = assertThrows(FileAlreadyExistsException.class, () -> destination.create("crm/b1/manifest.json"));
        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        assertEquals("first", new String(read(destination, "crm/b1/manifest.json"), StandardCharsets.UTF_8));
    }

    @Test
    void commitRefusesWhenAnotherUploadPublishedTheSameKeyMeanwhile() throws IOException {
        var destination = destination();
        byte[] small = "late".getBytes(StandardCharsets.UTF_8);
        byte[] large = bytes(7 * 1024 * 1024, 3); // more than one part
        for (byte[] content : List.of(small, large)) {
            String key = "race/" + content.length;
            try (Upload late = destination.create(key)) {
                writeInOddChunks(late.stream(), content, 0, content.length);
                writeBehindTheBack(key, "winner".getBytes(StandardCharsets.UTF_8));

                var e = assertThrows(FileAlreadyExistsException.class, late::commit);
                assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
            }
            assertEquals("winner", new String(read(destination, key), StandardCharsets.UTF_8));
        }
        assertNoUnfinishedUploads();
    }

    @Test
    void aPartialUploadIsNeverVisibleAndAnAbortLeavesNothing() throws IOException {
        var destination = destination();
        byte[] content = bytes(BIG, 4);
        Upload upload = destination.create("crm/b1/dump.pgc.zst");
        writeInOddChunks(upload.stream(), content, 0, content.length / 2);

        assertFalse(destination.exists("crm/b1/dump.pgc.zst"));
        assertEquals(List.of(), destination.list(""));
        assertEquals(List.of(), destination.list("crm/b1/"));
        assertThrows(IOException.class, () -> destination.size("crm/b1/dump.pgc.zst"));

        upload.abort();
        upload.abort();

        assertEquals(List.of(), destination.list(""));
        assertFalse(destination.exists("crm/b1/dump.pgc.zst"));
        assertThrows(IllegalStateException.class, upload::commit);
        assertNoUnfinishedUploads();
    }

    @Test
    void anUploadClosedWithoutCommitLeavesNothing() throws IOException {
        var destination = destination();
        byte[] content = bytes(BIG, 5);
        try (Upload upload = destination.create("crm/b1/dump.pgc.zst")) {
            writeInOddChunks(upload.stream(), content, 0, content.length);
            upload.stream().close(); // closing the stream is not a commit
        }
        assertEquals(List.of(), destination.list(""));
        assertNoUnfinishedUploads();
    }

    @Test
    void aDamagedObjectIsDetectedWhenReadThroughTheVerifiedStream() throws IOException {
        var destination = destination();
        byte[] content = bytes(3 * 1024 * 1024, 6);
        put(destination, "crm/b1/dump.pgc.zst", content);
        String recorded = destination.sha256("crm/b1/dump.pgc.zst");
        assertEquals(sha256(content), recorded);
        try (InputStream in = Destinations.verified(destination, "crm/b1/dump.pgc.zst", recorded)) {
            assertArrayEquals(content, in.readAllBytes());
        }

        byte[] damaged = content.clone();
        damaged[damaged.length / 2] ^= 0x01;
        writeBehindTheBack("crm/b1/dump.pgc.zst", damaged);

        try (InputStream in = Destinations.verified(destination, "crm/b1/dump.pgc.zst", recorded)) {
            var e = assertThrows(ChecksumMismatchException.class, () -> in.transferTo(OutputStream.nullOutputStream()));
            assertTrue(e.getMessage().contains("crm/b1/dump.pgc.zst") && e.getMessage().contains(recorded)
                    && e.getMessage().contains(sha256(damaged)), e.getMessage());
            assertThrows(ChecksumMismatchException.class, in::read, "reading again past the end fails again");
        }
    }

    @Test
    void theProbePassesAndLeavesNothing() throws IOException {
        var destination = destination();
        Probe.Result result = Probe.run(destination);

        assertTrue(result.ok(), result.message());
        assertTrue(result.failedStep().isEmpty());
        assertTrue(result.message().contains(destination.describe()), result.message());
        assertEquals(List.of(), destination.list(""));
    }

    @Test
    void rejectsKeysThatLeaveTheDestination() {
        var destination = destination();
        for (String key : List.of("../evil", "/etc/passwd", "a/../../b", "a//b", "", "a/./b")) {
            var e = assertThrows(IllegalArgumentException.class, () -> destination.create(key), key);
            assertTrue(e.getMessage().contains("Invalid object key"), e.getMessage());
        }
    }

    @Test
    void removePartialsSweepsWhatAStoppedRunLeftAndKeepsCompleteObjects() throws IOException {
        var destination = destination();
        put(destination, "crm/a/manifest.json", new byte[]{1});
        Upload stopped = destination.create("crm/b/dump.pgc.zst");
        writeInOddChunks(stopped.stream(), bytes(BIG / 2, 7), 0, BIG / 2); // the run's process "dies" here

        assertEquals(0, destination.removePartials("shop/"));
        assertEquals(1, destination.removePartials("crm/"));

        assertEquals(List.of("crm/a/manifest.json"), destination.list(""));
        assertNoUnfinishedUploads();
        assertTrue(Arrays.equals(new byte[]{1}, read(destination, "crm/a/manifest.json")));
    }
}
