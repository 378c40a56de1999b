package io.lifeboat.destinations.control;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RotatedRefreshTokenTest {

    @Test
    void theRotatedTokenIsUsedWhileTheConsentIsUnchanged() {
        String stored = RotatedRefreshToken.stored("consented-1", "rotated-2");

        assertEquals("rotated-2", RotatedRefreshToken.current("consented-1", Optional.of(stored)));
        assertEquals("consented-1", RotatedRefreshToken.current("consented-1", Optional.empty()));
        assertFalse(stored.contains("consented-1"), "only a fingerprint of the consented token is kept");
        assertEquals("od-refresh.rotated", RotatedRefreshToken.alias("od-refresh"));
    }

    @Test
    void aNewConsentWinsOverTokensRotatedFromAnOlderOne() {
        String stored = RotatedRefreshToken.stored("consented-1", "rotated-2");

        assertEquals("consented-3", RotatedRefreshToken.current("consented-3", Optional.of(stored)));
        assertEquals("consented-3", RotatedRefreshToken.current("consented-3", Optional.of("garbage")));
    }
}
