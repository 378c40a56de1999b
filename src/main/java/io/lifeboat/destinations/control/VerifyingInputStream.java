package io.lifeboat.destinations.control;

import io.lifeboat.Sha256;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes what passes through and throws {@link ChecksumMismatchException} at the end when the digest differs. */
final class VerifyingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.digest();
    private final String destination;
    private final String key;
    private final String expected;
    private String actual;

    VerifyingInputStream(InputStream in, String destination, String key, String expectedSha256) {
        super(in);
        this.destination = destination;
        this.key = key;
        this.expected = expectedSha256.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        if (n < 0) {
            check();
        } else {
            digest.update(bytes, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported: every byte must pass the digest once
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("A verified stream cannot be reset: open the object again");
    }

    private void check() throws IOException {
        if (actual == null) {
            actual = Sha256.hex(digest);
        }
        if (!actual.equals(expected)) { // again at every read past the end, so it cannot be missed
            throw new ChecksumMismatchException(destination, key, expected, actual);
        }
    }
}
