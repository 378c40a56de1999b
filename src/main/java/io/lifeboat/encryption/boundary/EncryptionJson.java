package io.lifeboat.encryption.boundary;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A target's encryption as the API shows it: public keys, aliases and fingerprints, never a secret.
 *
 * @param encrypts            whether new backups are encrypted
 * @param identityFingerprint fingerprint of the public key of the configured private key, or null
 */
public record EncryptionJson(String target, boolean encrypts, List<RecipientJson> recipients, String passphraseAlias,
                             String identityAlias, String identityFingerprint, OffsetDateTime updatedAt) {

    /** An age public key and the fingerprint manifests record for it. */
    public record RecipientJson(String publicKey, String fingerprint) {
    }
}
