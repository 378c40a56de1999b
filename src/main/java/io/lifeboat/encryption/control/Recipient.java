package io.lifeboat.encryption.control;

/**
 * Someone a backup is encrypted for: an age X25519 public key, or a passphrase.
 * A passphrase must be the only recipient of a file (the age format requires it).
 */
public sealed interface Recipient permits X25519Recipient, PassphraseRecipient {

    /**
     * What the manifest records about this recipient: never a key or anything derived from a passphrase.
     * {@code x25519:sha256:<16 hex>} for a public key, {@code scrypt} for a passphrase.
     */
    String fingerprint();

    /**
     * An age public key as printed by {@code age-keygen}: {@code age1…}.
     *
     * @throws IllegalArgumentException when the text is not an age public key
     */
    static Recipient parse(String publicKey) {
        return new X25519Recipient(publicKey);
    }
}
