package io.lifeboat.backups.control;

import java.time.Duration;

/** Calls its action once when a dump's progress has not moved for the stall timeout. */
final class Watchdog implements AutoCloseable {

    private final Thread thread;

    private Watchdog(DumpProgress progress, Duration stallTimeout, Runnable onStall) {
        long checkMillis = Math.max(10, Math.min(1000, stallTimeout.toMillis() / 4));
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(checkMillis);
                    if (progress.idle().compareTo(stallTimeout) >= 0) {
                        onStall.run();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "dump watchdog");
        thread.setDaemon(true);
    }

    static Watchdog start(DumpProgress progress, Duration stallTimeout, Runnable onStall) {
        var watchdog = new Watchdog(progress, stallTimeout, onStall);
        watchdog.thread.start();
        return watchdog;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
