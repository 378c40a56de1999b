package io.lifeboat.encryption.control;

import java.io.InputStream;
import java.util.SplittableRandom;

/** A stream of {@code size} pseudo-random bytes, the same for the same seed, never held in memory. */
final class GeneratedBytes extends InputStream {

    private final SplittableRandom random;
    private long remaining;

    GeneratedBytes(long size, long seed) {
        this.random = new SplittableRandom(seed);
        this.remaining = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (remaining == 0) {
            return -1;
        }
        int count = (int) Math.min(length, remaining);
        for (int i = 0; i < count; i++) {
            buffer[offset + i] = (byte) random.nextInt(256);
        }
        remaining -= count;
        return count;
    }
}
