package io.lifeboat.backups.control;

import io.lifeboat.Sha256;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/** Passes bytes on while computing their SHA-256 and count; reports each write. Closing does not close the target. */
final class HashingOutputStream extends FilterOutputStream {

    private final MessageDigest sha256;
    private final LongConsumer onWrite;
    private long size;

    HashingOutputStream(OutputStream out, LongConsumer onWrite) {
        super(out);
        this.onWrite = onWrite;
        this.sha256 = Sha256.digest();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        sha256.update(bytes, offset, length);
        size += length;
        onWrite.accept(length);
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    long size() {
        return size;
    }

    /** The hex SHA-256 of everything written; call once, at the end. */
    String sha256() {
        return Sha256.hex(sha256);
    }
}
