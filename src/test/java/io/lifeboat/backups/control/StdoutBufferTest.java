package io.lifeboat.backups.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StdoutBufferTest {

    /** 275 lines, 9 900 bytes: more than two of stdio's 4 KiB pipe buffers, far less than 1 MiB. */
    private static final byte[] LINES = "a line of text long enough to count\n".repeat(275)
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void thisMachinesStdbufHoldsBackWhatAProgramWritesThroughStdio() throws Exception {
        List<String> prefix = StdoutBuffer.prefix();
        assertEquals(List.of("-o" + StdoutBuffer.BYTES), prefix.subList(1, prefix.size()), "stdbuf is found: " + prefix);

        try (Copying plain = Copying.start(List.of())) {
            assertTrue(plain.waitForOutput(30), "without stdbuf, sed passes on 4 KiB at a time");
        }
        try (Copying buffered = Copying.start(prefix)) {
            Thread.sleep(1000);
            assertEquals(0, buffered.process.getInputStream().available(), "with stdbuf, sed keeps the lines");
            buffered.process.getOutputStream().close();
            assertArrayEquals(LINES, buffered.process.getInputStream().readAllBytes(), "and passes them on at the end");
        }
    }

    @Test
    void aStdbufThatCannotRunIsNotUsed(@TempDir Path bin) throws IOException {
        Path stdbuf = bin.resolve("stdbuf");
        Files.writeString(stdbuf, "#!/bin/sh\necho \"stdbuf: failed to find 'libstdbuf.so'\" >&2\nexit 125\n");
        Files.setPosixFilePermissions(stdbuf, PosixFilePermissions.fromString("rwx------"));

        assertEquals(List.of(), StdoutBuffer.find(List.of(bin, Path.of("/usr/bin"))), "the first one found is tried");
    }

    @Test
    void noStdbufMeansNoPrefix(@TempDir Path empty) {
        assertEquals(List.of(), StdoutBuffer.find(List.of(empty)));
    }

    /** sed copying its input, which it writes through stdio; its input stays open until closed. */
    private record Copying(Process process) implements AutoCloseable {

        static Copying start(List<String> prefix) throws IOException {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of("sed", ""));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            OutputStream in = process.getOutputStream();
            in.write(LINES);
            in.flush();
            return new Copying(process);
        }

        boolean waitForOutput(int seconds) throws InterruptedException, IOException {
            InputStream out = process.getInputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (out.available() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return out.available() > 0;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
