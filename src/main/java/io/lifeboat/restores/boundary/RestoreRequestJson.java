package io.lifeboat.restores.boundary;

import io.lifeboat.encryption.control.Identity;
import io.lifeboat.encryption.control.PassphraseIdentity;
import io.lifeboat.encryption.control.TargetEncryptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Restore this backup into a new database of this name on the backup's target server. An encrypted backup needs
 * {@code identity} (an age private key, {@code AGE-SECRET-KEY-…}) or {@code passphrase}, unless its target has
 * an identity configured; both are used for this restore only, never stored, logged or sent back.
 */
public record RestoreRequestJson(String backupId, String database, String identity, String passphrase) {

    /** The keys given with the request, checked; empty when none was given. */
    List<Identity> identities() {
        List<Identity> keys = new ArrayList<>();
        if (identity != null && !identity.isBlank()) {
            keys.addAll(TargetEncryptions.identity(identity, "\"identity\""));
        }
        if (passphrase != null && !passphrase.isEmpty()) {
            keys.add(new PassphraseIdentity(passphrase.toCharArray()));
        }
        return keys;
    }

    @Override
    public String toString() {
        return "RestoreRequestJson[backupId=" + backupId + ", database=" + database + ", keys hidden]";
    }
}
