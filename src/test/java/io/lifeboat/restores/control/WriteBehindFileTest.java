package io.lifeboat.restores.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work file's writer thread keeps every byte in order, and a full disk reaches the producer as an error. */
class WriteBehindFileTest {

    @TempDir
    Path work;

    @Test
    void writesOfEverySizeArriveInOrder() throws Exception {
        byte[] data = new byte[20 * 1024 * 1024 + 3];
        new Random(7).nextBytes(data);
        Path file = Files.createFile(work.resolve("out"));
        Random sizes = new Random(11);

        try (var out = new WriteBehindFile(file)) {
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, sizes.nextInt(3 * 1024 * 1024));
                if (n == 1) {
                    out.write(data[at]);
                } else {
                    out.write(data, at, n);
                }
                at += n;
            }
        }

        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void aFullDiskFailsTheCopyWithoutHangingIt() {
        byte[] data = new byte[30 * 1024 * 1024];

        var failure = assertThrows(WriteBehindFile.WorkFileFailure.class,
                () -> WorkFileCopy.copy(new ByteArrayInputStream(data), Path.of("/dev/full"), false));

        assertTrue(failure.getMessage().contains("/dev/full"), failure.getMessage());
        assertTrue(failure.getCause().getMessage().contains("No space left on device"), failure.getCause().toString());
    }
}
