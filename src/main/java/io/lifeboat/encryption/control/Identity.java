package io.lifeboat.encryption.control;

import java.util.ArrayList;
import java.util.List;

/** What decrypts a backup: an age X25519 private key, or the passphrase it was encrypted with. */
public sealed interface Identity permits X25519Identity, PassphraseIdentity {

    /** A label safe to show and log: the fingerprint of the matching recipient. */
    String fingerprint();

    /**
     * The private keys of an age key file ({@code age-keygen -o key.txt}): one key per line,
     * blank lines and {@code #} comments ignored.
     *
     * @throws IllegalArgumentException when a line is not an age private key, or there is none
     */
    static List<Identity> parseKeyFile(String contents) {
        List<Identity> keys = new ArrayList<>();
        int lineNumber = 0;
        for (String line : contents.split("\\R")) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                keys.add(new X25519Identity(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + lineNumber + " of the key file is not an age private key: "
                        + "a key file holds lines that start with AGE-SECRET-KEY- and # comments", e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("The key file holds no age private key: "
                    + "give the file written by age-keygen, not the public key");
        }
        return List.copyOf(keys);
    }
}
