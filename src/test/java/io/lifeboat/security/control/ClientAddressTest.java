package io.lifeboat.security.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X-Forwarded-For counts only when a trusted proxy sent it, and only up to the first untrusted hop. */
class ClientAddressTest {

    private final ClientAddress behindProxy = ClientAddress.trusting("10.0.0.1, 10.0.0.2");

    @Test
    void aClientCannotChooseItsAddress() {
        assertEquals("203.0.113.9", behindProxy.of("203.0.113.9", "1.2.3.4"));
        assertEquals("203.0.113.9", ClientAddress.trusting("").of("203.0.113.9", "1.2.3.4"));
    }

    @Test
    void theLastUntrustedHopFromATrustedProxyIsTheClient() {
        assertEquals("198.51.100.7", behindProxy.of("10.0.0.1", "198.51.100.7"));
        assertEquals("198.51.100.7", behindProxy.of("10.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2"));
        assertEquals("10.0.0.1", behindProxy.of("10.0.0.1", null));
        assertEquals("10.0.0.1", behindProxy.of("10.0.0.1", "10.0.0.2"));
    }
}
