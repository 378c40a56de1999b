package io.lifeboat.encryption.control;

import java.io.IOException;

/** An encrypted backup that cannot be decrypted: with the keys given, or at all. */
public abstract sealed class DecryptionException extends IOException
        permits NoMatchingKeyException, DamagedCiphertextException {

    DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
