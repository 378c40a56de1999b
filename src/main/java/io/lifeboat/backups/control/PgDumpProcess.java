package io.lifeboat.backups.control;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running pg_dump: its standard output is the dump, its standard error is kept (the last lines) for
 * the message of a failure and copied to the run's log. Closing kills it and its children if still alive.
 */
final class PgDumpProcess implements AutoCloseable {

    private static final int STDERR_LINES = 20;

    private final Process process;
    private final Thread stderrReader;
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private volatile String stopReason;

    private PgDumpProcess(Process process, DumpProgress progress) {
        this.process = process;
        this.stderrReader = new Thread(() -> readStderr(progress), "pg_dump stderr " + process.pid());
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    static PgDumpProcess start(List<String> arguments, PassFile passFile, String applicationName,
                               DumpProgress progress) throws IOException {
        var builder = new ProcessBuilder(arguments).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        passFile.applyTo(builder);
        builder.environment().put("PGAPPNAME", applicationName);
        builder.environment().put("LC_MESSAGES", "C");
        return new PgDumpProcess(builder.start(), progress);
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills pg_dump and its children, remembering why; the first reason wins. */
    void stop(String reason) {
        synchronized (this) {
            if (stopReason == null) {
                stopReason = reason;
            }
        }
        killTree();
    }

    /** Why {@link #stop} was called, or null. */
    String stopReason() {
        return stopReason;
    }

    /** Waits for the exit once stdout has ended; kills it when it does not come. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            killTree();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        stderrReader.join(TimeUnit.SECONDS.toMillis(5));
        return process.isAlive() ? -1 : process.exitValue();
    }

    synchronized String stderrTail() {
        return String.join("\n", stderrTail);
    }

    private void readStderr(DumpProgress progress) {
        try (var reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                progress.log(line);
                synchronized (this) {
                    if (stderrTail.size() == STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
                }
            }
        } catch (IOException ignored) {
            // the process is gone; what was read is kept
        }
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            killTree();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
