package io.lifeboat.destinations.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFolderTest {

    @TempDir
    Path root;

    private void put(LocalFolder folder, String key, String content) throws IOException {
        try (Upload upload = folder.create(key)) {
            upload.stream().write(content.getBytes(StandardCharsets.UTF_8));
            upload.commit();
        }
    }

    @Test
    void committedObjectIsReadableListedAndSized() throws IOException {
        var folder = new LocalFolder(root);
        put(folder, "crm/2025/01/b1/manifest.json", "{}");
        put(folder, "crm/2025/01/b1/dump.pgc.zst", "dump");
        put(folder, "shop/2025/01/b2/manifest.json", "{}");

        assertTrue(folder.exists("crm/2025/01/b1/dump.pgc.zst"));
        assertEquals(4, folder.size("crm/2025/01/b1/dump.pgc.zst"));
        try (var in = folder.open("crm/2025/01/b1/dump.pgc.zst")) {
            assertArrayEquals("dump".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        assertEquals(List.of("crm/2025/01/b1/dump.pgc.zst", "crm/2025/01/b1/manifest.json"), folder.list("crm/"));
        assertEquals(List.of("crm/2025/01/b1/dump.pgc.zst", "crm/2025/01/b1/manifest.json",
                "shop/2025/01/b2/manifest.json"), folder.list(""));
        assertEquals(List.of("crm/2025/01/b1/manifest.json"), folder.list("crm/2025/01/b1/man"));
        assertEquals("local folder " + root.toAbsolutePath(), folder.describe());
    }

    @Test
    void aLargeUploadIsFlushedToDiskAsItIsWrittenAndCommittedWhole() throws IOException {
        Path partial = Files.createDirectories(root.resolve("crm")).resolve("dump.pgc.zst.partial");
        byte[] block = new byte[256 * 1024];
        new Random(7).nextBytes(block);
        var upload = new LocalFolderUpload(new LocalFolder(root), "crm/dump.pgc.zst", root.resolve("crm/dump.pgc.zst"),
                partial, FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 20);

        for (int i = 0; i < 16; i++) {
            upload.stream().write(block);
        }
        upload.commit();

        assertTrue(upload.flushes() >= 1, "flushed in the background every MiB: " + upload.flushes());
        assertTrue(upload.flushes() <= 4, "never more often than asked: " + upload.flushes());
        byte[] stored = Files.readAllBytes(root.resolve("crm/dump.pgc.zst"));
        assertEquals(16 * block.length, stored.length);
        assertArrayEquals(block, Arrays.copyOfRange(stored, 15 * block.length, stored.length));
        assertFalse(Files.exists(partial));
    }

    @Test
    void partialUploadIsNeverListedAndVanishesWhenClosedWithoutCommit() throws IOException {
        var folder = new LocalFolder(root);
        try (Upload upload = folder.create("crm/2025/01/b1/dump.pgc.zst")) {
            upload.stream().write(new byte[1000]);
            assertTrue(Files.exists(root.resolve("crm/2025/01/b1/dump.pgc.zst.partial")));
            assertEquals(List.of(), folder.list(""));
            assertFalse(folder.exists("crm/2025/01/b1/dump.pgc.zst"));
        }
        assertEquals(List.of(), folder.list(""));
        assertFalse(Files.exists(root.resolve("crm")), "empty folders of the aborted upload are removed");
    }

    @Test
    void refusesToOverwriteAnExistingObject() throws IOException {
        var folder = new LocalFolder(root);
        put(folder, "crm/x/manifest.json", "first");
        var e = assertThrows(FileAlreadyExistsException.class, () -> folder.create("crm/x/manifest.json"));
        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        try (var in = folder.open("crm/x/manifest.json")) {
            assertEquals("first", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void commitRefusesWhenAnotherUploadPublishedTheSameKeyMeanwhile() throws IOException {
        var folder = new LocalFolder(root);
        try (Upload late = folder.create("k/a")) {
            late.stream().write(1);
            Files.writeString(root.resolve("k/a"), "winner");
            assertThrows(FileAlreadyExistsException.class, late::commit);
        }
        assertEquals("winner", Files.readString(root.resolve("k/a")));
        assertFalse(Files.exists(root.resolve("k/a.partial")));
    }

    @Test
    void rejectsKeysThatLeaveTheFolder() {
        var folder = new LocalFolder(root);
        for (String key : List.of("../evil", "/etc/passwd", "a/../../b", "a//b", "", "a/./b")) {
            var e = assertThrows(IllegalArgumentException.class, () -> folder.create(key), key);
            assertTrue(e.getMessage().contains("Invalid object key"), e.getMessage());
        }
    }

    @Test
    void removePartialsSweepsLeftoversOfDeadRunsOnly() throws IOException {
        var folder = new LocalFolder(root);
        put(folder, "crm/a/manifest.json", "{}");
        Files.createDirectories(root.resolve("crm/b"));
        Files.writeString(root.resolve("crm/b/dump.pgc.zst.partial"), "half");
        Files.writeString(root.resolve("crm/a/dump.pgc.zst.partial"), "half");

        assertEquals(2, folder.removePartials("crm/"));
        assertEquals(List.of("crm/a/manifest.json"), folder.list(""));
        assertFalse(Files.exists(root.resolve("crm/b")));
    }

    @Test
    void deleteRemovesTheObjectAndItsEmptyFolders() throws IOException {
        var folder = new LocalFolder(root);
        put(folder, "crm/2025/01/b1/manifest.json", "{}");
        folder.delete("crm/2025/01/b1/manifest.json");
        folder.delete("crm/2025/01/b1/manifest.json");
        assertFalse(Files.exists(root.resolve("crm")));
        assertTrue(Files.isDirectory(root));
    }
}
