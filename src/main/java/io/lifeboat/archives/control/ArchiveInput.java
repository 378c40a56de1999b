package io.lifeboat.archives.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitives of a pg_dump custom archive (bytes, sign-and-magnitude integers, length-prefixed strings)
 * and counts its position. Until {@link #stopCopying()}, every byte taken from the stream is passed on to the copy
 * before it is replaced, so the copy holds the stream as far as it was read, whatever the reader skips or makes of
 * it; after that, nothing more is passed on.
 */
public final class ArchiveInput {

    private static final int BUFFER = 256 * 1024;

    private final InputStream in;
    private final OutputStream copy;
    private final byte[] buffer = new byte[BUFFER];
    private int next;
    private int end;
    private boolean copying = true;
    private long bufferStart;
    private int intSize = 4;

    public ArchiveInput(InputStream in, OutputStream copy) {
        this.in = in;
        this.copy = copy;
    }

    /** Passes on what was read so far; from here on, nothing more is passed on. */
    public void stopCopying() throws IOException {
        if (copying) {
            copy.write(buffer, 0, next);
            copying = false;
        }
    }

    /** Reads the rest of the stream, passing it on (unless {@link #stopCopying()} was called). */
    public void passOnTheRest() throws IOException {
        while (fill()) {
            next = end;
        }
    }

    int intSize() {
        return intSize;
    }

    /** The position in the archive of the next byte to be read. */
    long position() {
        return bufferStart + next;
    }

    void intSize(int size) {
        this.intSize = size;
    }

    /** The next byte (0–255), or -1 at the end of the stream. */
    int readByteOrEnd() throws IOException {
        if (next == end && !fill()) {
            return -1;
        }
        return buffer[next++] & 0xFF;
    }

    int readByte() throws IOException, UnexpectedArchiveException {
        int b = readByteOrEnd();
        if (b < 0) {
            throw new UnexpectedArchiveException("the archive ends in the middle of a structure");
        }
        return b;
    }

    byte[] readBytes(int count) throws IOException, UnexpectedArchiveException {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) readByte();
        }
        return bytes;
    }

    /** An integer as pg_dump writes it: a sign byte, then {@code intSize} bytes, least significant first. */
    long readInt() throws IOException, UnexpectedArchiveException {
        int sign = readByte();
        return sign == 0 ? unsigned(intSize) : -unsigned(intSize);
    }

    /** {@code size} bytes, least significant first. */
    long unsigned(int size) throws IOException, UnexpectedArchiveException {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    /** Skips a string; returns false for the null string (length -1). */
    boolean skipString() throws IOException, UnexpectedArchiveException {
        long length = readInt();
        if (length < 0) {
            return false;
        }
        skip(length);
        return true;
    }

    /** Reads a short string, or null for the null string. */
    String readString(int maxLength) throws IOException, UnexpectedArchiveException {
        long length = readInt();
        if (length < 0) {
            return null;
        }
        if (length > maxLength) {
            throw new UnexpectedArchiveException("a string of " + length + " bytes where at most " + maxLength
                    + " were expected");
        }
        return new String(readBytes((int) length), StandardCharsets.UTF_8);
    }

    void skip(long count) throws IOException, UnexpectedArchiveException {
        long left = count;
        while (left > 0) {
            if (next == end && !fill()) {
                throw new UnexpectedArchiveException("the archive ends " + left + " bytes before the end of a block");
            }
            int step = (int) Math.min(left, end - next);
            next += step;
            left -= step;
        }
    }

    /** Reads exactly {@code length} bytes into {@code target}. */
    void readFully(byte[] target, int offset, int length) throws IOException, UnexpectedArchiveException {
        int done = 0;
        while (done < length) {
            if (next == end && !fill()) {
                throw new UnexpectedArchiveException("the archive ends " + (length - done)
                        + " bytes before the end of a block");
            }
            int step = Math.min(length - done, end - next);
            System.arraycopy(buffer, next, target, offset + done, step);
            next += step;
            done += step;
        }
    }

    private boolean fill() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while reading the archive");
        }
        if (copying) {
            copy.write(buffer, 0, end);
        }
        bufferStart += end;
        next = 0;
        end = 0;
        int n = in.read(buffer);
        while (n == 0) {
            n = in.read(buffer);
        }
        if (n < 0) {
            return false;
        }
        end = n;
        return true;
    }
}
