package io.lifeboat.backups.control;

import io.lifeboat.destinations.control.Upload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tees one stream into the uploads of several destinations: every byte goes to every live copy. A copy whose
 * write fails is dropped with its reason and its upload aborted; the others go on. Writing fails only when no
 * copy is left. Holds no bytes of its own, so memory does not depend on the size of what passes through.
 * Closing flushes; the uploads stay open for their commit.
 */
final class FanOut extends OutputStream {

    private final List<Copy> copies;
    private boolean failureReported;

    /** One destination's upload and, once it is dropped, why. */
    static final class Copy {
        private final String name;
        private final String describe;
        private final Upload upload;
        private String failure;
        private Exception cause;
        private boolean committed;

        Copy(String name, String describe, Upload upload) {
            this.name = Objects.requireNonNull(name, "name");
            this.describe = describe;
            this.upload = upload;
        }

        /** A copy whose upload could not even start. */
        static Copy failed(String name, String describe, String reason, Exception cause) {
            Copy copy = new Copy(name, describe, null);
            copy.drop(reason, cause);
            return copy;
        }

        String name() {
            return name;
        }

        /** The artifact is committed in this destination (it may have been dropped later, at the manifest). */
        boolean committed() {
            return committed;
        }

        void abort() {
            if (upload != null) {
                upload.abort();
            }
        }

        boolean live() {
            return failure == null;
        }

        /** Empty while the copy is live. */
        String failure() {
            return failure == null ? "" : failure;
        }

        Exception cause() {
            return cause;
        }

        /** Drops the copy with its reason and aborts its upload; the first reason stays. */
        void drop(String reason, Exception why) {
            if (failure == null) {
                failure = reason;
                cause = why;
            }
            abort();
        }

        private void drop(Exception e) {
            drop("Writing to " + describe + " failed: " + message(e), e);
        }
    }

    FanOut(List<Copy> copies) {
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("A backup needs at least one destination: add one to the target");
        }
        this.copies = List.copyOf(copies);
    }

    List<Copy> copies() {
        return copies;
    }

    boolean anyLive() {
        return copies.stream().anyMatch(Copy::live);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (Copy copy : copies) {
            if (copy.live()) {
                try {
                    copy.upload.stream().write(bytes, offset, length);
                } catch (IOException | RuntimeException e) {
                    copy.drop(e);
                }
            }
        }
        failIfNoneLive();
    }

    @Override
    public void flush() throws IOException {
        for (Copy copy : copies) {
            if (copy.live()) {
                try {
                    copy.upload.stream().flush();
                } catch (IOException | RuntimeException e) {
                    copy.drop(e);
                }
            }
        }
        failIfNoneLive();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /**
     * Commits every live upload, side by side (a local fsync need not wait for an S3 completion); a commit that fails
     * drops its copy. Fails when none could be committed.
     */
    void commitAll() throws IOException {
        List<Copy> live = copies.stream().filter(Copy::live).toList();
        if (live.size() == 1) {
            commit(live.get(0));
        } else {
            List<Thread> committing = new ArrayList<>();
            for (Copy copy : live) {
                Thread thread = new Thread(() -> commit(copy), "commit to " + copy.name());
                thread.setDaemon(true);
                thread.start();
                committing.add(thread);
            }
            joinAll(committing);
        }
        failIfNoneLive();
    }

    private static void commit(Copy copy) {
        try {
            copy.upload.commit();
            copy.committed = true;
        } catch (IOException | RuntimeException e) {
            copy.drop(e);
        }
    }

    /** Waits for every commit, even when interrupted meanwhile: a commit half done is not left behind unseen. */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Aborts what is not committed yet; safe after a commit. */
    void abortAll() {
        copies.forEach(Copy::abort);
    }

    /**
     * With one destination its own failure, as it was (so "destination full" stays what it is); with several, one
     * failure that names each copy's reason.
     */
    private void failIfNoneLive() throws IOException {
        if (anyLive()) {
            return;
        }
        if (failureReported) { // a new exception each time after the first, so none suppresses itself
            throw new IOException(everyCopyFailed(copies), copies.get(0).cause);
        }
        failureReported = true;
        if (copies.size() == 1) {
            Exception cause = copies.get(0).cause;
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
        }
        throw new IOException(everyCopyFailed(copies));
    }

    static String everyCopyFailed(List<Copy> copies) {
        StringBuilder message = new StringBuilder("Every copy failed");
        for (Copy copy : copies) {
            message.append("; ").append(copy.name).append(": ").append(copy.failure());
        }
        return message.toString();
    }

    private static String message(Exception e) {
        Throwable shown = e instanceof UncheckedIOException unchecked && unchecked.getCause() != null
                ? unchecked.getCause() : e;
        return shown.getMessage() == null ? shown.toString() : shown.getMessage();
    }
}
