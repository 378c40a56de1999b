package io.lifeboat.encryption.control;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** What happened when each identity met the file's header, to explain a failure in words the user can act on. */
final class HeaderAttempts {

    private static final String X25519 = "X25519";

    private List<String> stanzaTypes;
    private boolean unwrapped;
    private final List<String> tried = new ArrayList<>();

    RecipientStanzaReader watch(Identity identity, RecipientStanzaReader reader) {
        return stanzas -> {
            List<RecipientStanza> seen = StreamSupport.stream(stanzas.spliterator(), false).toList();
            stanzaTypes = seen.stream().map(RecipientStanza::getType).toList();
            try {
                FileKey key = reader.getFileKey(seen);
                unwrapped = true;
                return key;
            } catch (GeneralSecurityException e) {
                tried.add(identity.fingerprint() + " (" + reason(identity, e) + ")");
                throw e;
            }
        };
    }

    DecryptionException failure(Exception cause, List<String> recipientFingerprints) {
        if (stanzaTypes == null) {
            return new DamagedCiphertextException("This is not an age-encrypted file, or its header is damaged ("
                    + cause.getMessage() + "): check that it is the .age artifact of the backup,"
                    + " otherwise restore from another copy", cause);
        }
        if (unwrapped) {
            return new DamagedCiphertextException("The encrypted backup was modified or truncated right after its"
                    + " header (" + cause.getMessage() + "): restore from another copy of this backup", cause);
        }
        return new NoMatchingKeyException("None of the given keys can decrypt this backup: it was encrypted for "
                + encryptedFor(recipientFingerprints) + "; tried " + String.join(", ", tried)
                + ". Give the private key (or passphrase) of one of its recipients", cause);
    }

    private String encryptedFor(List<String> recipientFingerprints) {
        if (!recipientFingerprints.isEmpty()) {
            return String.join(", ", recipientFingerprints);
        }
        Map<String, Long> counts = stanzaTypes.stream()
                .collect(Collectors.groupingBy(type -> type, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> switch (e.getKey()) {
            case ScryptStanzas.TYPE -> "a passphrase";
            case X25519 -> e.getValue() + " X25519 public key(s) (their fingerprints are in the backup's manifest)";
            default -> e.getValue() + " recipient(s) of type " + e.getKey() + ", which Lifeboat does not support";
        }).collect(Collectors.joining(" and "));
    }

    private String reason(Identity identity, GeneralSecurityException e) {
        if (identity instanceof PassphraseIdentity) {
            return e.getMessage();
        }
        return stanzaTypes.contains(X25519) ? "not one of its recipients" : "it was not encrypted for any X25519 public key";
    }
}
