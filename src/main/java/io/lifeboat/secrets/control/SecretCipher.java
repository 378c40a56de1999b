package io.lifeboat.secrets.control;

import io.lifeboat.catalog.control.DataFolder;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM for passwords at rest in the catalog. The key lives in the data folder
 * ({@code keys/secrets.key}, owner-only) or comes from {@code lifeboat.secrets.key} when several
 * instances share one catalog. The alias is bound as associated data, so a ciphertext cannot be
 * moved to another alias.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The secrets key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public static SecretCipher fromConfiguredOrDataFolder(String configuredKey) {
        String encoded = configuredKey == null || configuredKey.isBlank()
                ? DataFolder.secretKeyFile(DataFolder.resolve("keys/secrets.key"), 32)
                : configuredKey.strip();
        return new SecretCipher(Base64.getDecoder().decode(encoded));
    }

    public byte[] encrypt(String alias, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(alias.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    public String decrypt(String alias, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
            cipher.updateAAD(alias.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The secret '" + alias + "' cannot be decrypted with this instance's "
                    + "secrets key: give every instance the same lifeboat.secrets.key, or set the password again", e);
        }
    }
}
