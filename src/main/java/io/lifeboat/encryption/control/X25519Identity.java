package io.lifeboat.encryption.control;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Objects;

/**
 * An age X25519 private key (Bech32, {@code AGE-SECRET-KEY-…}), normalized to upper case.
 * Never printed: {@link #toString()} shows the public side only.
 *
 * @param privateKey the key line of a file written by {@code age-keygen}
 */
public record X25519Identity(String privateKey) implements Identity {

    private static final String KEY_ALGORITHM = "X25519";

    public X25519Identity {
        Objects.requireNonNull(privateKey, "privateKey");
        privateKey = privateKey.strip().toUpperCase(Locale.ROOT);
        publicKeyOf(privateKey);
    }

    /** The public key that encrypts for this identity. */
    public X25519Recipient recipient() {
        return new X25519Recipient(publicKeyOf(privateKey));
    }

    @Override
    public String fingerprint() {
        return recipient().fingerprint();
    }

    @Override
    public String toString() {
        return "X25519Identity[" + fingerprint() + "]";
    }

    RecipientStanzaReader stanzaReader() throws GeneralSecurityException {
        return X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(privateKey);
    }

    private static String publicKeyOf(String privateKey) {
        try {
            SecretKeySpec spec = new SecretKeySpec(privateKey.getBytes(StandardCharsets.US_ASCII), KEY_ALGORITHM);
            return new X25519KeyFactory().translateKey(spec).toString();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the cause's message may quote the key: keep it out
            throw new IllegalArgumentException("This is not an age private key: a private key is one line that starts"
                    + " with AGE-SECRET-KEY-, as written by age-keygen; check that it was copied whole");
        }
    }
}
