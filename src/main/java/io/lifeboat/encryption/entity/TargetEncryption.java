package io.lifeboat.encryption.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * How a target's backups are encrypted: the age public keys (several) or the alias of a passphrase, and the
 * alias of the private key that restores use. Holds no secret.
 */
@Entity
@Table(name = "target_encryption")
public class TargetEncryption {

    @Id
    private String target;
    /** Public keys, one a line, as in an age recipients file. */
    @Column(nullable = false)
    private String recipients;
    @Column(name = "passphrase_alias")
    private String passphraseAlias;
    @Column(name = "identity_alias")
    private String identityAlias;
    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected TargetEncryption() {
    }

    public TargetEncryption(String target, Settings settings) {
        this.target = target;
        change(settings);
    }

    /**
     * The settings as values.
     *
     * @param recipients      age public keys ({@code age1…}); empty when a passphrase is used or nothing is encrypted
     * @param passphraseAlias alias of the passphrase backups are encrypted with, or null
     * @param identityAlias   alias of the age private key restores decrypt with, or null
     */
    public record Settings(List<String> recipients, String passphraseAlias, String identityAlias) {
        public Settings {
            recipients = List.copyOf(recipients);
        }
    }

    public void change(Settings settings) {
        this.recipients = String.join("\n", settings.recipients());
        this.passphraseAlias = settings.passphraseAlias();
        this.identityAlias = settings.identityAlias();
        this.updatedAt = OffsetDateTime.now();
    }

    public String target() {
        return target;
    }

    public Settings settings() {
        List<String> keys = recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split("\n"));
        return new Settings(keys, passphraseAlias, identityAlias);
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
