package io.lifeboat.encryption.control;

import com.exceptionfactory.jagged.PayloadException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The plain text of an age payload; a chunk that fails authentication becomes a {@link DamagedCiphertextException}. */
final class DecryptedStream extends FilterInputStream {

    private long plainBytes;

    DecryptedStream(InputStream decrypting) {
        super(decrypting);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                plainBytes += read;
            }
            return read;
        } catch (PayloadException e) {
            throw new DamagedCiphertextException("The encrypted backup is truncated or was modified: the part after "
                    + plainBytes + " bytes of plain text fails authentication, so none of it can be trusted;"
                    + " restore from another copy of this backup", e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (read == -1) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }
}
