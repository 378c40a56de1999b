package io.lifeboat.encryption.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static io.lifeboat.testing.DamagedKeys.withOtherLastCharacter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key generation, parsing and fingerprints: what is shown and recorded, and what never is. */
class KeysTest {

    /** Built by concatenation so that no file holds the literal prefix of a private key. */
    private static final String PRIVATE_KEY_PREFIX = "AGE-SECRET-KEY-" + "1";

    private final AgeEncryption age = new AgeEncryption();

    @Test
    void generatedKeysHaveAgeKeygenForms() {
        AgeKeyPair pair = age.generateIdentity();

        assertTrue(pair.privateKey().startsWith(PRIVATE_KEY_PREFIX));
        assertTrue(pair.publicKey().matches("age1[02-9ac-hj-np-z]{58}"), pair.publicKey());
        assertEquals(pair.publicKey(), pair.identity().recipient().publicKey(), "the public key derives from the private key");
        assertFalse(pair.toString().contains(pair.privateKey()));
        assertFalse(pair.identity().toString().contains(pair.privateKey()));
        assertFalse(age.generateIdentity().privateKey().equals(pair.privateKey()));
    }

    @Test
    void anX25519FingerprintIsAShortHashOfThePublicKey() throws Exception {
        AgeKeyPair pair = age.generateIdentity();
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(pair.publicKey().getBytes(StandardCharsets.US_ASCII));

        String fingerprint = pair.recipient().fingerprint();
        assertEquals("x25519:sha256:" + HexFormat.of().formatHex(hash).substring(0, 16), fingerprint);
        assertEquals(fingerprint, Recipient.parse(" " + pair.publicKey().toUpperCase(Locale.ROOT) + "\n").fingerprint());
        assertEquals(fingerprint, pair.identity().fingerprint());
        assertFalse(fingerprint.contains(pair.publicKey()));
    }

    @Test
    void aPassphraseIsRecordedOnlyAsScrypt() {
        PassphraseRecipient passphrase = new PassphraseRecipient("hunter22".toCharArray());

        assertEquals(List.of("scrypt"), age.fingerprints(List.of(passphrase)));
        assertEquals(PassphraseRecipient.DEFAULT_WORK_FACTOR, passphrase.workFactor());
        assertFalse(passphrase.toString().contains("hunter22"));
        assertFalse(new PassphraseIdentity("hunter22".toCharArray()).toString().contains("hunter22"));
        assertThrows(IllegalArgumentException.class, () -> new PassphraseRecipient(new char[0]));
        assertThrows(IllegalArgumentException.class, () -> new PassphraseRecipient("pw".toCharArray(), 31));
    }

    @Test
    void textThatIsNotAKeyIsRefusedWithoutBeingRepeated() {
        AgeKeyPair pair = age.generateIdentity();
        String damaged = withOtherLastCharacter(pair.privateKey());

        IllegalArgumentException notPublic = assertThrows(IllegalArgumentException.class, () -> Recipient.parse(pair.privateKey()));
        assertTrue(notPublic.getMessage().startsWith("This is not an age public key"), notPublic.getMessage());
        assertFalse(notPublic.getMessage().contains(pair.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> Recipient.parse(withOtherLastCharacter(pair.publicKey())));

        IllegalArgumentException notPrivate = assertThrows(IllegalArgumentException.class, () -> new X25519Identity(damaged));
        assertTrue(notPrivate.getMessage().startsWith("This is not an age private key"), notPrivate.getMessage());
        assertFalse(notPrivate.getMessage().contains(damaged));
        assertTrue(notPrivate.getCause() == null, "a cause could quote the key");
        assertThrows(IllegalArgumentException.class, () -> new X25519Identity(pair.publicKey()));
    }

    @Test
    void aKeyFileYieldsItsKeysAndSkipsComments() {
        AgeKeyPair first = age.generateIdentity();
        AgeKeyPair second = age.generateIdentity();
        String file = "# created: 2025-01-01T00:00:00Z\n" + first.keyFile() + "\n" + second.privateKey().toLowerCase(Locale.ROOT) + "\r\n";

        List<Identity> keys = Identity.parseKeyFile(file);
        assertEquals(List.of(first.identity(), second.identity()), keys);

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Identity.parseKeyFile("# public key: " + first.publicKey() + "\n"));
        assertTrue(empty.getMessage().startsWith("The key file holds no age private key"), empty.getMessage());
        IllegalArgumentException publicOnly = assertThrows(IllegalArgumentException.class,
                () -> Identity.parseKeyFile(first.publicKey()));
        assertTrue(publicOnly.getMessage().startsWith("Line 1 of the key file is not an age private key"));
    }
}
