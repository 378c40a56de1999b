package io.lifeboat.console.control;

import io.lifeboat.encryption.control.PassphraseIdentity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class RestoreKeyTest {

    @Test
    void anEmptyFieldGivesNoKeySoTheTargetsIdentityIsUsed() {
        assertEquals(0, RestoreKey.parse(null).size());
        assertEquals(0, RestoreKey.parse("").size());
    }

    @Test
    void textWithoutAnAgeKeyIsAPassphraseKeptAsTyped() {
        var keys = RestoreKey.parse(" correct horse ");
        assertEquals(1, keys.size());
        var passphrase = assertInstanceOf(PassphraseIdentity.class, keys.get(0));
        assertArrayEquals(" correct horse ".toCharArray(), passphrase.passphrase());
    }
}
