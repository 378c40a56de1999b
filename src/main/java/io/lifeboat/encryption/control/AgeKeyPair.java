package io.lifeboat.encryption.control;

/**
 * A freshly generated age key pair, in the text forms {@code age-keygen} uses.
 * {@link #toString()} hides the private key.
 *
 * @param privateKey {@code AGE-SECRET-KEY-…}: keep it offline, it decrypts every backup made for the public key
 * @param publicKey  {@code age1…}: configure it as a recipient
 */
public record AgeKeyPair(String privateKey, String publicKey) {

    public X25519Identity identity() {
        return new X25519Identity(privateKey);
    }

    public X25519Recipient recipient() {
        return new X25519Recipient(publicKey);
    }

    /** The contents of a key file as {@code age-keygen -o key.txt} writes it, readable by {@code age -d -i}. */
    public String keyFile() {
        return "# public key: " + publicKey + "\n" + privateKey + "\n";
    }

    @Override
    public String toString() {
        return "AgeKeyPair[publicKey=" + publicKey + ", privateKey=(hidden)]";
    }
}
