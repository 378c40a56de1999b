package io.lifeboat.encryption.control;

import java.util.Objects;

/**
 * The passphrase a backup was encrypted with. Files that ask for more scrypt work than
 * {@code highestWorkFactor} are refused, so a crafted file cannot make decryption use gigabytes of memory.
 *
 * @param passphrase        the passphrase; the array stays the caller's and is never printed
 * @param highestWorkFactor the largest scrypt work factor (log2 N) accepted
 */
public record PassphraseIdentity(char[] passphrase, int highestWorkFactor) implements Identity {

    /** 2^20 KiB = 1 GiB of scrypt memory; age's own limit is 22. */
    public static final int DEFAULT_HIGHEST_WORK_FACTOR = 20;

    public PassphraseIdentity {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("The passphrase is empty: give the passphrase the backup was encrypted with");
        }
        if (highestWorkFactor < 1 || highestWorkFactor > PassphraseRecipient.HIGHEST_WORK_FACTOR) {
            throw new IllegalArgumentException("The highest scrypt work factor " + highestWorkFactor
                    + " is outside 1 to " + PassphraseRecipient.HIGHEST_WORK_FACTOR);
        }
    }

    public PassphraseIdentity(char[] passphrase) {
        this(passphrase, DEFAULT_HIGHEST_WORK_FACTOR);
    }

    @Override
    public String fingerprint() {
        return ScryptStanzas.TYPE;
    }

    @Override
    public String toString() {
        return "PassphraseIdentity[passphrase=(hidden), highestWorkFactor=" + highestWorkFactor + "]";
    }
}
