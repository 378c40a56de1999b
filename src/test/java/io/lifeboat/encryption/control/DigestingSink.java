package io.lifeboat.encryption.control;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and hashes what is written, keeping none of it; runs {@code atMark} once when {@code mark} bytes have passed. */
final class DigestingSink extends OutputStream {

    private final MessageDigest sha256;
    private final long mark;
    private final Runnable atMark;
    private long size;

    DigestingSink() {
        this(Long.MAX_VALUE, () -> { });
    }

    DigestingSink(long mark, Runnable atMark) {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.mark = mark;
        this.atMark = atMark;
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        boolean crossing = size < mark && size + length >= mark;
        size += length;
        if (crossing) {
            atMark.run();
        }
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
