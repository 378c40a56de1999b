package io.lifeboat.restores.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * The stored bytes of an artifact, counted and hashed as they pass. A failure of the source itself (a network
 * error) becomes a {@link SourceReadFailure}, so it is never mistaken for a corrupted artifact.
 */
final class HashingStream extends FilterInputStream {

    private static final int SKIP_BUFFER = 64 * 1024;

    private long count;

    HashingStream(InputStream in, MessageDigest digest) {
        super(new DigestInputStream(in, digest));
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = guarded(() -> super.read());
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = guarded(() -> super.read(b, off, len));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, SKIP_BUFFER)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private interface Read {
        int run() throws IOException;
    }

    private static int guarded(Read read) {
        try {
            return read.run();
        } catch (IOException e) {
            throw new SourceReadFailure(e);
        }
    }

    /** The artifact's source failed: not a sign of corruption, so no checksum verdict. */
    static final class SourceReadFailure extends RuntimeException {
        SourceReadFailure(IOException cause) {
            super(cause);
        }
    }
}
