package io.lifeboat.encryption.boundary;

import java.util.List;

/**
 * A target's encryption as a client sends it. Backups are encrypted for {@code recipients} (age public keys) or
 * for a passphrase, never both (age allows a passphrase only as the single recipient). The passphrase and the
 * private key are given by alias of a configured secret ({@code lifeboat.secrets.<alias>}), or as values that are
 * stored encrypted in the catalog and never sent back.
 */
public record EncryptionRequest(List<String> recipients, String passphrase, String passphraseAlias, String identity,
                                String identityAlias) {

    @Override
    public String toString() {
        return "EncryptionRequest[recipients=" + recipients + ", passphraseAlias=" + passphraseAlias
                + ", identityAlias=" + identityAlias + ", values hidden]";
    }
}
