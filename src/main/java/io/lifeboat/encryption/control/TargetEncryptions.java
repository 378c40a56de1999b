package io.lifeboat.encryption.control;

import io.lifeboat.api.Problem;
import io.lifeboat.encryption.boundary.EncryptionRequest;
import io.lifeboat.encryption.entity.TargetEncryption;
import io.lifeboat.encryption.entity.TargetEncryption.Settings;
import io.lifeboat.secrets.control.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The encryption settings of targets: validated when they are set, turned into age recipients for backups and
 * into identities for restores. Secrets are looked up by alias when they are needed and never kept.
 */
@ApplicationScoped
@Transactional
public class TargetEncryptions {

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    @Inject
    Secrets secrets;

    public Optional<TargetEncryption> find(String target) {
        return Optional.ofNullable(em.find(TargetEncryption.class, target));
    }

    public TargetEncryption configure(String target, EncryptionRequest request) {
        if (request == null) {
            throw Problem.badRequest("Send {\"recipients\": [\"age1…\"], \"identityAlias\": \"…\"} or "
                    + "{\"passphraseAlias\": \"…\"}; to stop encrypting, DELETE /api/targets/" + target + "/encryption.");
        }
        List<String> recipients = recipients(request.recipients());
        String passphraseAlias = passphraseAlias(target, request, !recipients.isEmpty());
        String identityAlias = identityAlias(target, request);
        if (recipients.isEmpty() && passphraseAlias == null && identityAlias == null) {
            throw Problem.badRequest("Give age public keys (\"recipients\": [\"age1…\"]) or a passphrase "
                    + "(\"passphraseAlias\" or \"passphrase\"); to stop encrypting, DELETE /api/targets/" + target
                    + "/encryption.");
        }
        var settings = new Settings(recipients, passphraseAlias, identityAlias);
        TargetEncryption existing = em.find(TargetEncryption.class, target);
        if (existing == null) {
            existing = new TargetEncryption(target, settings);
            em.persist(existing);
        } else {
            existing.change(settings);
        }
        return existing;
    }

    /** Stops encrypting new backups of the target; returns false when it was not encrypting. */
    public boolean remove(String target) {
        TargetEncryption existing = em.find(TargetEncryption.class, target);
        secrets.remove(ownAlias(target, "passphrase"));
        secrets.remove(ownAlias(target, "identity"));
        if (existing == null) {
            return false;
        }
        em.remove(existing);
        return true;
    }

    /** Whom new backups of the target are encrypted for; empty when they are not encrypted. */
    public List<Recipient> recipients(String target) {
        return find(target).map(TargetEncryption::settings).map(settings -> {
            if (settings.passphraseAlias() != null) {
                String passphrase = resolve(settings.passphraseAlias(), target);
                return List.<Recipient>of(new PassphraseRecipient(passphrase.toCharArray()));
            }
            return settings.recipients().stream().map(Recipient::parse).toList();
        }).orElse(List.of());
    }

    /** The private key configured for restores of the target, if any. */
    public List<Identity> identities(String target) {
        return find(target).map(TargetEncryption::settings).map(Settings::identityAlias)
                .map(alias -> identity(resolve(alias, target), "the secret '" + alias + "'"))
                .orElse(List.of());
    }

    /** The fingerprint of the configured private key's public side, or null. */
    public String identityFingerprint(String target, Settings settings) {
        if (settings.identityAlias() == null) {
            return null;
        }
        return secrets.resolve(settings.identityAlias())
                .map(key -> identity(key, "the secret '" + settings.identityAlias() + "'"))
                .map(keys -> keys.get(0).fingerprint()).orElse(null);
    }

    /** A private key (or an age key file) given by a user, checked without ever quoting it. */
    public static List<Identity> identity(String key, String what) {
        try {
            return Identity.parseKeyFile(key);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(capitalized(what) + " is not an age private key: " + e.getMessage());
        }
    }

    private static List<String> recipients(List<String> given) {
        List<String> keys = new ArrayList<>();
        if (given == null) {
            return keys;
        }
        for (int i = 0; i < given.size(); i++) {
            String key = given.get(i);
            if (key != null && key.strip().toUpperCase(java.util.Locale.ROOT).startsWith("AGE-SECRET-KEY-")) {
                throw Problem.badRequest("recipients[" + i + "] is a private key, which must never be sent as a "
                        + "recipient: give its public key (age1…, printed by 'age-keygen -y key.txt'), and keep the "
                        + "private key offline or give it as \"identity\".");
            }
            try {
                String normalized = new X25519Recipient(key == null ? "" : key).publicKey();
                if (!keys.contains(normalized)) {
                    keys.add(normalized);
                }
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("recipients[" + i + "] ('" + shortened(key) + "') is not valid. "
                        + e.getMessage());
            }
        }
        return keys;
    }

    private String passphraseAlias(String target, EncryptionRequest request, boolean hasRecipients) {
        if (request.passphrase() == null && request.passphraseAlias() == null) {
            return null;
        }
        if (hasRecipients) {
            throw Problem.badRequest("Give either age public keys (\"recipients\") or a passphrase, not both: the age "
                    + "format allows a passphrase only as the single recipient. Encrypt for public keys to have "
                    + "several recipients.");
        }
        return storedOrGiven(target, "passphrase", request.passphrase(), request.passphraseAlias());
    }

    private String identityAlias(String target, EncryptionRequest request) {
        if (request.identity() == null && request.identityAlias() == null) {
            return null;
        }
        if (request.identity() != null) {
            identity(request.identity(), "\"identity\"");
        }
        String alias = storedOrGiven(target, "identity", request.identity(), request.identityAlias());
        identity(resolve(alias, target), "the secret '" + alias + "'");
        return alias;
    }

    /** Stores a value given in the request under the target's own alias, or checks that the alias has a secret. */
    private String storedOrGiven(String target, String what, String value, String alias) {
        if (value != null && alias != null) {
            throw Problem.badRequest("Give the " + what + " either as \"" + what + "\" or as \"" + what
                    + "Alias\", not both.");
        }
        if (value != null) {
            if (value.isBlank()) {
                throw Problem.badRequest("The " + what + " is empty: give a value, or leave \"" + what + "\" out.");
            }
            String own = ownAlias(target, what);
            secrets.put(own, value);
            return own;
        }
        resolve(alias, target);
        return alias;
    }

    private String resolve(String alias, String target) {
        return secrets.resolve(alias).orElseThrow(() -> Problem.badRequest("No secret is stored under the alias '"
                + alias + "' (encryption of target '" + target + "'): set lifeboat.secrets." + alias
                + " (environment LIFEBOAT_SECRETS_" + alias.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                + ") on every Lifeboat instance, or send the value itself with PUT /api/targets/" + target
                + "/encryption."));
    }

    private static String ownAlias(String target, String what) {
        return "encryption-" + target + "-" + what;
    }

    private static String shortened(String key) {
        if (key == null) {
            return "null";
        }
        String text = key.strip();
        return text.length() <= 16 ? text : text.substring(0, 16) + "…";
    }

    private static String capitalized(String text) {
        return text.isEmpty() || text.startsWith("\"") ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
