package io.lifeboat.encryption.control;

/** None of the private keys or passphrases given opens the file: the user needs another key. */
public final class NoMatchingKeyException extends DecryptionException {

    NoMatchingKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
