package io.lifeboat.encryption.control;

import java.util.Objects;

/**
 * A passphrase, turned into a key with scrypt (N = 2^workFactor, r = 8, p = 1) as the age format specifies.
 * It must be the only recipient of a file. Scrypt needs 2^workFactor KiB of memory: 256 MiB at 18, age's default.
 * The array stays the caller's; it is never copied, logged or printed.
 *
 * @param passphrase the passphrase, not empty
 * @param workFactor base-two logarithm of scrypt's N, 1 to 30
 */
public record PassphraseRecipient(char[] passphrase, int workFactor) implements Recipient {

    /** age's own default (the {@code age -p} command uses it). */
    public static final int DEFAULT_WORK_FACTOR = 18;
    static final int HIGHEST_WORK_FACTOR = 30;

    public PassphraseRecipient {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("The passphrase is empty: give a passphrase, or use an age public key");
        }
        if (workFactor < 1 || workFactor > HIGHEST_WORK_FACTOR) {
            throw new IllegalArgumentException("The scrypt work factor " + workFactor + " is outside 1 to "
                    + HIGHEST_WORK_FACTOR + ": use " + DEFAULT_WORK_FACTOR + " (age's default) unless memory is short");
        }
    }

    /** A passphrase with age's default work factor. */
    public PassphraseRecipient(char[] passphrase) {
        this(passphrase, DEFAULT_WORK_FACTOR);
    }

    @Override
    public String fingerprint() {
        return ScryptStanzas.TYPE;
    }

    @Override
    public String toString() {
        return "PassphraseRecipient[passphrase=(hidden), workFactor=" + workFactor + "]";
    }
}
