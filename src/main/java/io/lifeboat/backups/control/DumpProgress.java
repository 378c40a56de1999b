package io.lifeboat.backups.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a running dump is doing, safe to read from any thread while it runs: bytes read from pg_dump and
 * written to the destination, elapsed time, rate, phase and the last lines of its log. {@link #cancel()}
 * stops pg_dump and fails the run.
 */
public final class DumpProgress {

    /** Where a dump is. */
    public enum Phase { WAITING, CONNECTING, SNAPSHOT_TAKEN, DUMPING, COMMITTING, WRITING_MANIFEST, DONE, FAILED }

    public static final int DEFAULT_LOG_LINES = 200;

    private final int logLines;
    private final Consumer<Phase> listener;
    private final ArrayDeque<String> log = new ArrayDeque<>();

    private volatile Phase phase = Phase.WAITING;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile long lastActivityNanos;
    private volatile long bytesRead;
    private volatile long bytesWritten;
    private volatile int tablesCounted;
    private volatile boolean cancelled;
    private Runnable canceller;

    public DumpProgress() {
        this(DEFAULT_LOG_LINES, phase -> { });
    }

    /**
     * @param logLines how many log lines to keep
     * @param listener told of each phase on the dump's own thread, before the dump goes on; keep it short
     */
    public DumpProgress(int logLines, Consumer<Phase> listener) {
        this.logLines = logLines;
        this.listener = listener;
    }

    public Phase phase() {
        return phase;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public int tablesCounted() {
        return tablesCounted;
    }

    public Duration elapsed() {
        long start = startNanos;
        if (start == 0) {
            return Duration.ZERO;
        }
        long end = endNanos;
        return Duration.ofNanos((end == 0 ? System.nanoTime() : end) - start);
    }

    /** Bytes read from pg_dump per second, over the whole run so far. */
    public double bytesPerSecond() {
        double seconds = elapsed().toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytesRead / seconds;
    }

    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Stops the dump: pg_dump is killed, nothing is kept, the run fails. */
    public void cancel() {
        Runnable action;
        synchronized (this) {
            cancelled = true;
            action = canceller;
        }
        if (action != null) {
            action.run();
        }
    }

    synchronized void onCancel(Runnable action) {
        canceller = action;
        if (cancelled && action != null) {
            action.run();
        }
    }

    void started() {
        startNanos = System.nanoTime();
        lastActivityNanos = startNanos;
    }

    void phase(Phase next) {
        phase = next;
        lastActivityNanos = System.nanoTime();
        if (next == Phase.DONE || next == Phase.FAILED) {
            endNanos = System.nanoTime();
        }
        listener.accept(next);
    }

    synchronized void log(String line) {
        if (log.size() == logLines) {
            log.removeFirst();
        }
        log.addLast(line.length() > 1000 ? line.substring(0, 1000) + "…" : line);
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField") // a single thread writes each counter
    void read(long bytes) {
        bytesRead += bytes;
        lastActivityNanos = System.nanoTime();
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void written(long bytes) {
        bytesWritten += bytes;
        lastActivityNanos = System.nanoTime();
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void tableCounted() {
        tablesCounted++;
        lastActivityNanos = System.nanoTime();
    }

    /** How long nothing has moved. */
    Duration idle() {
        return Duration.ofNanos(System.nanoTime() - lastActivityNanos);
    }
}
