package io.lifeboat.backups.control;

import io.lifeboat.destinations.control.LocalFolder;
import io.lifeboat.destinations.control.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One stream into several real local folders; a folder that breaks mid-way does not stop the others. */
class FanOutTest {

    private static final String KEY = "crm/2026/11/20261115T020000Z-abcdef/dump.pgc.zst";

    @TempDir
    Path first;
    @TempDir
    Path second;
    @TempDir
    Path third;

    private final List<Upload> uploads = new java.util.ArrayList<>();

    @Test
    void everyByteReachesEveryCopy() throws IOException {
        byte[] data = random(3_000_000);
        var folders = List.of(new LocalFolder(first), new LocalFolder(second));
        var fanOut = new FanOut(List.of(copy("a", folders.get(0)), copy("b", folders.get(1))));

        writeInChunks(fanOut, data);
        fanOut.close();
        fanOut.commitAll();

        for (LocalFolder folder : folders) {
            assertArrayEquals(data, Files.readAllBytes(folder.root().resolve(KEY)));
        }
        assertTrue(fanOut.copies().stream().allMatch(c -> c.live() && c.committed()));
    }

    @Test
    void aCopyWhoseFolderBreaksIsDroppedWithItsReasonAndTheOthersGoOn() throws IOException {
        byte[] data = random(2_000_000);
        var broken = new LocalFolder(second);
        var fanOut = new FanOut(List.of(copy("local", new LocalFolder(first)), copy("broken", broken),
                copy("third", new LocalFolder(third))));

        fanOut.write(data, 0, 1_000_000);
        Path partial = broken.root().resolve(KEY + ".partial");
        assertTrue(Files.exists(partial));
        uploads.get(1).abort(); // the disk behind "broken" goes away: its stream is closed
        fanOut.write(data, 1_000_000, 1_000_000);
        fanOut.close();
        fanOut.commitAll();

        var copies = fanOut.copies();
        assertTrue(copies.get(0).live());
        assertFalse(copies.get(1).live());
        assertTrue(copies.get(1).failure().startsWith("Writing to local folder " + broken.root() + " failed: "),
                copies.get(1).failure());
        assertTrue(copies.get(2).live());
        assertArrayEquals(data, Files.readAllBytes(first.resolve(KEY)));
        assertArrayEquals(data, Files.readAllBytes(third.resolve(KEY)));
        assertFalse(broken.exists(KEY));
        assertFalse(Files.exists(partial), "the dropped copy's partial upload is removed");
    }

    @Test
    void whenEveryCopyFailsTheWriteFailsNamingEachReason() throws IOException {
        var a = new LocalFolder(first);
        var b = new LocalFolder(second);
        var fanOut = new FanOut(List.of(copy("a", a), copy("b", b)));
        fanOut.write(new byte[100]);
        uploads.get(0).abort();
        fanOut.write(new byte[100]); // "b" still takes it
        uploads.get(1).abort();

        IOException failure = assertThrows(IOException.class, () -> fanOut.write(new byte[100]));

        assertTrue(failure.getMessage().startsWith("Every copy failed; a: Writing to local folder"), failure.getMessage());
        assertTrue(failure.getMessage().contains("; b: Writing to local folder " + b.root()), failure.getMessage());
        assertEquals(List.of(), a.list("crm/"));
        assertEquals(List.of(), b.list("crm/"));
    }

    @Test
    void withOneCopyItsOwnFailureComesThroughAsItIs() throws IOException {
        var fanOut = new FanOut(List.of(copy("only", new LocalFolder(first))));
        uploads.get(0).abort();

        IOException failure = assertThrows(IOException.class, () -> fanOut.write(new byte[10]));

        assertEquals(java.nio.channels.ClosedChannelException.class, failure.getClass(),
                "the folder's own exception, not a summary of one copy");
    }

    private FanOut.Copy copy(String name, LocalFolder folder) throws IOException {
        Upload upload = folder.create(KEY);
        uploads.add(upload);
        return new FanOut.Copy(name, folder.describe(), upload);
    }

    private static void writeInChunks(FanOut out, byte[] data) throws IOException {
        for (int offset = 0; offset < data.length; offset += 65_536) {
            out.write(data, offset, Math.min(65_536, data.length - offset));
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
