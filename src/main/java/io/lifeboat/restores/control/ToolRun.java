package io.lifeboat.restores.control;

import io.lifeboat.backups.control.PassFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one PostgreSQL client tool: the password comes from a PGPASSFILE (never the command line or the
 * environment), stdout is discarded, stderr goes to the log (bounded) and its last lines are kept for the error.
 * A tool that outlives its timeout, or whose thread is interrupted, is killed with its children.
 */
final class ToolRun {

    static final int LOGGED_LINES = 500;
    static final int KEPT_LINES = 20;
    private static final int MAX_LINE = 1_000;

    /** How a tool run ended. */
    sealed interface Outcome {
        List<String> stderrTail();
    }

    record Exited(int exitCode, List<String> stderrTail) implements Outcome {
    }

    record TimedOut(Duration timeout, List<String> stderrTail) implements Outcome {
    }

    private ToolRun() {
    }

    static Outcome run(List<String> command, PassFile passFile, Duration timeout, Consumer<String> log)
            throws InterruptedException {
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("PG"));
        environment.put("PGPASSFILE", passFile.path().toString());
        environment.put("PGCONNECT_TIMEOUT", "30");
        environment.put("PGAPPNAME", "lifeboat-restore");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command.get(0) + ": check that the PostgreSQL "
                    + "client tools are installed there", e);
        }
        var stderr = new StderrTail(process, Path.of(command.get(0)).getFileName().toString(), log);
        Thread reader = new Thread(stderr, "stderr of " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
                reader.join(5_000);
                return new TimedOut(timeout, stderr.tail());
            }
            reader.join(5_000);
            return new Exited(process.exitValue(), stderr.tail());
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the database is dropped WITH (FORCE) next, which ends any session the tool left behind
        }
    }

    /** Reads stderr line by line: the first lines to the log, the last ones kept for an error message. */
    private static final class StderrTail implements Runnable {
        private final Process process;
        private final String tool;
        private final Consumer<String> log;
        private final Deque<String> last = new ArrayDeque<>();
        private int lines;

        StderrTail(Process process, String tool, Consumer<String> log) {
            this.process = process;
            this.tool = tool;
            this.log = log;
        }

        @Override
        public void run() {
            try (var reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    accept(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line);
                }
            } catch (IOException ignored) {
                // the process was killed; what was read so far is kept
            }
        }

        private synchronized void accept(String line) {
            lines++;
            if (lines <= LOGGED_LINES) {
                log.accept(line);
            } else if (lines == LOGGED_LINES + 1) {
                log.accept("(further output of " + tool + " is not logged)");
            }
            last.addLast(line);
            if (last.size() > KEPT_LINES) {
                last.removeFirst();
            }
        }

        synchronized List<String> tail() {
            return List.copyOf(last);
        }
    }
}
