package io.lifeboat.encryption.control;

/**
 * The file is not an age file, or it was truncated or modified: its plain text cannot be trusted.
 * When thrown while reading, bytes already read must be discarded as well.
 */
public final class DamagedCiphertextException extends DecryptionException {

    DamagedCiphertextException(String message, Throwable cause) {
        super(message, cause);
    }
}
