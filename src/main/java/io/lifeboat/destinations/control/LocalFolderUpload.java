package io.lifeboat.destinations.control;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upload into a {@link LocalFolder}: a {@code .partial} file renamed on commit. What is written is flushed to
 * disk in the background every {@link #FLUSH_EVERY} bytes, so that the commit's fsync finds little left to write and
 * a long backup does not fill the page cache with dirty pages.
 */
final class LocalFolderUpload implements Upload {

    static final long FLUSH_EVERY = 64L << 20;

    private final LocalFolder folder;
    private final String key;
    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final OutputStream stream;
    private final long flushEvery;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicInteger flushes = new AtomicInteger();
    private long unflushed;
    private boolean finished;

    LocalFolderUpload(LocalFolder folder, String key, Path target, Path partial, FileChannel channel) {
        this(folder, key, target, partial, channel, FLUSH_EVERY);
    }

    LocalFolderUpload(LocalFolder folder, String key, Path target, Path partial, FileChannel channel,
                      long flushEvery) {
        this.folder = folder;
        this.flushEvery = flushEvery;
        this.key = key;
        this.target = target;
        this.partial = partial;
        this.channel = channel;
        this.stream = new ChannelStream();
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized void commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("The upload of " + key + " is already committed or aborted");
        }
        try {
            guard(() -> channel.force(true));
            channel.close();
            publish();
            LocalFolder.syncFolder(target.getParent());
            finished = true;
        } finally {
            if (!finished) {
                abort();
            }
        }
    }

    /** Links the partial file to its key (which fails if the key exists), then drops the partial name. */
    private void publish() throws IOException {
        try {
            Files.createLink(target, partial);
            Files.delete(partial);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "another upload created this object meanwhile; objects are never overwritten");
        } catch (UnsupportedOperationException | IOException e) {
            // file systems without hard links: a check, then an atomic rename
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "another upload created this object meanwhile; objects are never overwritten");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public synchronized void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is removed next
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // removePartials sweeps it later
        }
        folder.removeEmptyFolders(partial.getParent());
    }

    /** How many background flushes were started. */
    int flushes() {
        return flushes.get();
    }

    /**
     * Writes what the file holds so far to disk on a thread of its own, unless the previous flush is still busy.
     * A failure is left to the commit's fsync to report.
     */
    private void flushInBackground() {
        if (flushing.compareAndSet(false, true)) {
            flushes.incrementAndGet();
            Thread thread = new Thread(() -> {
                try {
                    channel.force(false);
                } catch (IOException ignored) {
                    // closed by an abort, or failing: the commit's fsync says so
                } finally {
                    flushing.set(false);
                }
            }, "flush of " + key);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void guard(IoAction action) throws IOException {
        try {
            action.run();
        } catch (IOException e) {
            if (isNoSpace(e)) {
                throw new DestinationFullException(folder.describe(), key, e);
            }
            throw e;
        }
    }

    private static boolean isNoSpace(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left") || message.contains("Disk quota exceeded");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Writes to the channel; close() only flushes, the upload owns the file. */
    private final class ChannelStream extends FilterOutputStream {

        ChannelStream() {
            super(OutputStream.nullOutputStream());
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            guard(() -> {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            });
            unflushed += length;
            if (unflushed >= flushEvery) {
                unflushed = 0;
                flushInBackground();
            }
        }

        @Override
        public void flush() {
            // every write goes straight to the channel
        }

        @Override
        public void close() {
            // the upload closes the file on commit or abort
        }
    }
}
