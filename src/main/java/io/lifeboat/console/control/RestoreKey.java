package io.lifeboat.console.control;

import io.lifeboat.encryption.control.Identity;
import io.lifeboat.encryption.control.PassphraseIdentity;
import io.lifeboat.encryption.control.TargetEncryptions;

import java.util.List;

/**
 * What the restore wizard's one key field holds, read as the API reads "identity" and "passphrase":
 * an age private key (or a whole key file) when it holds {@code AGE-SECRET-KEY-}, otherwise a passphrase.
 * Empty means none was given, so the target's configured identity is used.
 */
public final class RestoreKey {

    private static final String AGE_KEY = "AGE-SECRET-KEY-";

    private RestoreKey() {
    }

    /** @throws io.lifeboat.api.Problem when it looks like an age key but is not one; the message holds no key */
    public static List<Identity> parse(String given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.strip().toUpperCase(java.util.Locale.ROOT).contains(AGE_KEY)) {
            return TargetEncryptions.identity(given.strip(), "the key");
        }
        return List.of(new PassphraseIdentity(given.toCharArray()));
    }
}
