package io.lifeboat.restores.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A file written by its own thread, so the producer (decompression) and the disk work at the same time. Memory is
 * constant: a fixed set of buffers goes round between the producer and the writer. A write failure surfaces as a
 * {@link WorkFileFailure} at the producer's next write or at {@link #close()}.
 */
final class WriteBehindFile extends OutputStream {

    private static final int BUFFER_SIZE = 1024 * 1024;
    private static final int BUFFERS = 8;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Path file;
    private final FileChannel channel;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread writer;
    private volatile IOException failure;
    private ByteBuffer current;
    private boolean closed;

    WriteBehindFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(BUFFER_SIZE)); // direct: written without a copy into a native buffer
        }
        writer = new Thread(this::writeAll, "write-behind " + file.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int off = offset;
        int left = length;
        while (left > 0) {
            if (current == null) {
                current = take(free);
            }
            int step = Math.min(left, current.remaining());
            current.put(bytes, off, step);
            off += step;
            left -= step;
            if (!current.hasRemaining()) {
                handOver();
            }
        }
    }

    /** Waits until every byte is on the file (not forced to disk) and closes it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current != null && current.position() > 0) {
                handOver();
            }
            put(END);
            join();
        } finally {
            closeChannel();
        }
        throwIfFailed();
    }

    /** Stops the writer without waiting for what is queued; for a copy that is abandoned anyway. */
    void abandon() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeChannel();
    }

    private void handOver() {
        throwIfFailed();
        current.flip();
        put(current);
        current = null;
    }

    private void writeAll() {
        try {
            while (true) {
                ByteBuffer buffer = full.take();
                if (buffer == END) {
                    return;
                }
                if (failure == null) {
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                buffer.clear();
                free.put(buffer);
            }
        } catch (IOException e) {
            failure = e;
            drainAfterFailure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps handing buffers back, so a producer never waits for a writer that has given up. */
    private void drainAfterFailure() {
        try {
            while (true) {
                ByteBuffer buffer = full.take();
                if (buffer == END) {
                    return;
                }
                buffer.clear();
                free.put(buffer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new WorkFileFailure(file, failure);
        }
    }

    private ByteBuffer take(BlockingQueue<ByteBuffer> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new RestoreFailedException("The restore was interrupted while reading the artifact; "
                    + "nothing was created: start it again if it is still needed");
        }
    }

    private void put(ByteBuffer buffer) {
        try {
            full.put(buffer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new RestoreFailedException("The restore was interrupted while reading the artifact; "
                    + "nothing was created: start it again if it is still needed");
        }
    }

    private void join() {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new RestoreFailedException("The restore was interrupted while writing the decompressed dump; "
                    + "nothing was created: start it again if it is still needed");
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Writing the work file failed (a full disk, most often). */
    static final class WorkFileFailure extends RuntimeException {
        WorkFileFailure(Path file, IOException cause) {
            super("Could not write " + file + ": " + cause.getMessage(), cause);
        }
    }
}
