package io.lifeboat.encryption.control;

import io.lifeboat.Sha256;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An age X25519 public key ({@code age1…}, Bech32), normalized to lower case.
 *
 * @param publicKey the key as {@code age-keygen} prints it
 */
public record X25519Recipient(String publicKey) implements Recipient {

    static final String FINGERPRINT_PREFIX = "x25519:sha256:";
    private static final int FINGERPRINT_HEX_DIGITS = 16;

    public X25519Recipient {
        Objects.requireNonNull(publicKey, "publicKey");
        publicKey = publicKey.strip().toLowerCase(Locale.ROOT);
        if (!publicKey.startsWith("age1")) {
            throw notAPublicKey(null);
        }
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw notAPublicKey(e);
        }
    }

    @Override
    public String fingerprint() {
        byte[] hash = Sha256.digest().digest(publicKey.getBytes(StandardCharsets.US_ASCII));
        return FINGERPRINT_PREFIX + HexFormat.of().formatHex(hash).substring(0, FINGERPRINT_HEX_DIGITS);
    }

    RecipientStanzaWriter stanzaWriter() throws GeneralSecurityException {
        return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(publicKey);
    }

    private static IllegalArgumentException notAPublicKey(Exception cause) {
        return new IllegalArgumentException("This is not an age public key: a recipient is one line that starts with"
                + " age1, as printed by age-keygen (or 'age-keygen -y key.txt'); check that it was copied whole", cause);
    }
}
