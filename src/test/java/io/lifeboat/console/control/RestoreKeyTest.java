package io.lifeboat.console.control;

import io.lifeboat.api.Problem;
import io.lifeboat.encryption.control.PassphraseIdentity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aMalformedAgeKeyIsRefusedWithoutQuotingIt() {
        String broken = "AGE-SECRET-KEY-1NOTAKEYATALLBUTLONGENOUGHTOLOOKLIKEONE";
        var problem = assertThrows(Problem.class, () -> RestoreKey.parse("# my key\n" + broken + "\n"));
        assertTrue(problem.getMessage().startsWith("The key is not an age private key"), problem.getMessage());
        assertFalse(problem.getMessage().contains(broken), "the message never shows the key");
    }
}
