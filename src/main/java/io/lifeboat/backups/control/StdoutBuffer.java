package io.lifeboat.backups.control;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bigger buffer for pg_dump's standard output. pg_dump writes its archive through C's stdio, which buffers a pipe
 * 4 KiB at a time: a 3 GB dump becomes some 750 000 writes, each one waking the thread that reads it. coreutils'
 * {@code stdbuf -o1048576} starts pg_dump with a 1 MiB buffer instead (it preloads a small library that sets the buffer,
 * then becomes pg_dump: same process, same arguments). Where stdbuf is missing or does not work here (its library is
 * not found), pg_dump runs as it is: the buffer saves CPU, a backup never depends on it.
 */
final class StdoutBuffer {

    static final int BYTES = 1 << 20;
    private static final long PROBE_TIMEOUT_SECONDS = 10;

    private static volatile List<String> onThisMachine;

    private StdoutBuffer() {
    }

    /** What goes before pg_dump's command line: {@code [.../stdbuf, -o1048576]}, or nothing. Looked up once. */
    static List<String> prefix() {
        List<String> prefix = onThisMachine;
        if (prefix == null) {
            List<Path> folders = new ArrayList<>(PgClientTools.pathFolders());
            folders.addAll(List.of(Path.of("/usr/bin"), Path.of("/bin")));
            prefix = find(folders);
            onThisMachine = prefix;
        }
        return prefix;
    }

    /** The first stdbuf in these folders, if it runs a program; else nothing. */
    static List<String> find(List<Path> folders) {
        for (Path folder : folders) {
            Path stdbuf = folder.resolve("stdbuf");
            if (Files.isRegularFile(stdbuf) && Files.isExecutable(stdbuf)) {
                List<String> prefix = List.of(stdbuf.toString(), "-o" + BYTES);
                return works(prefix) ? prefix : List.of();
            }
        }
        return List.of();
    }

    private static boolean works(List<String> prefix) {
        List<String> command = new ArrayList<>(prefix);
        command.add("true");
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
