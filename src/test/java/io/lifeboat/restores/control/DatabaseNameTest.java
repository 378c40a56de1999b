package io.lifeboat.restores.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseNameTest {

    @Test
    void acceptsALowerCaseIdentifierOfSixtyThreeBytesAndQuotesIt() {
        String longest = "a".repeat(63);
        assertEquals('"' + longest + '"', new DatabaseName(longest).quoted());
        assertEquals("\"_crm_2024_restore\"", new DatabaseName("_crm_2024_restore").quoted());
    }

    @Test
    void refusesNullAndSixtyFourBytes() {
        assertThrows(RestoreFailedException.class, () -> new DatabaseName(null));
        assertThrows(RestoreFailedException.class, () -> new DatabaseName("a".repeat(64)));
    }
}
