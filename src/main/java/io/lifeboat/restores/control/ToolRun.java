package io.lifeboat.restores.control;

import io.lifeboat.backups.control.PassFile;
import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
 * environment), stdin is fed from an {@link Input} (or closed at once), stdout is discarded, stderr goes to the log
 * (bounded) and its last lines are kept for the error. A tool that outlives its timeout, whose input fails or whose
 * thread is interrupted, is killed with its children.
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

    /** Feeding the tool's stdin failed (the artifact is damaged, say); the tool was stopped. */
    record InputFailed(Exception cause, List<String> stderrTail) implements Outcome {
    }

    /** What the tool reads on stdin, written by a thread of its own. */
    @FunctionalInterface
    interface Input {
        Input NONE = stdin -> { };

        void writeTo(OutputStream stdin) throws Exception;
    }

    private ToolRun() {
    }

    static Outcome run(List<String> command, Input input, PassFile passFile, Duration timeout, Consumer<String> log)
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
        var feeder = new Feeder(input, process);
        Thread writer = new Thread(feeder, "stdin of " + command.get(0));
        writer.setDaemon(true);
        writer.start();
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                writer.interrupt();
                kill(process);
                reader.join(5_000);
                return new TimedOut(timeout, stderr.tail());
            }
            reader.join(5_000);
            writer.join(5_000);
            if (feeder.failure() != null) {
                return new InputFailed(feeder.failure(), stderr.tail());
            }
            return new Exited(process.exitValue(), stderr.tail());
        } catch (InterruptedException e) {
            writer.interrupt();
            kill(process);
            throw e;
        }
    }

    /**
     * Writes the input to stdin and closes it. When the input fails, the tool is killed at once: it must not go on
     * with what it got so far. A tool that exits first ends the writing with a broken pipe, which is no failure of
     * the input: the tool's exit code tells what happened.
     */
    private static final class Feeder implements Runnable {
        private final Input input;
        private final Process process;
        private volatile Exception failure;

        Feeder(Input input, Process process) {
            this.input = input;
            this.process = process;
        }

        @Override
        public void run() {
            try (OutputStream stdin = new Stdin(process.getOutputStream())) {
                input.writeTo(stdin);
            } catch (StoppedReading e) {
                // the tool exited or closed its stdin; its exit code tells why
            } catch (Exception e) {
                failure = e;
                kill(process);
            }
        }

        Exception failure() {
            return failure;
        }
    }

    /** The tool's stdin, whose write errors say that the tool stopped reading. */
    private static final class Stdin extends FilterOutputStream {
        Stdin(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            guarded(() -> out.write(b, off, len));
        }

        @Override
        public void flush() throws IOException {
            guarded(out::flush);
        }

        @Override
        public void close() throws IOException {
            guarded(out::close);
        }

        private static void guarded(PipeAction action) throws StoppedReading {
            try {
                action.run();
            } catch (IOException e) {
                throw new StoppedReading(e);
            }
        }

        private interface PipeAction {
            void run() throws IOException;
        }
    }

    private static final class StoppedReading extends IOException {
        StoppedReading(IOException cause) {
            super(cause);
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
