package io.lifeboat.console.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnitsTest {

    @Test
    void bytesUseTheLargestUnitBelowOneThousandTwentyFour() {
        assertEquals("512 B", Units.bytes(512, Locale.ENGLISH));
        assertEquals("1.5 KB", Units.bytes(1536, Locale.ENGLISH));
        assertEquals("1,5 MB", Units.bytes(1536L * 1024, Locale.FRENCH));
        assertEquals("3.0 GB", Units.bytes(3L << 30, Locale.ENGLISH));
    }

    @Test
    void ratesArePerSecond() {
        assertEquals("2.0 MB/s", Units.rate(2 * 1024 * 1024, Locale.ENGLISH));
    }

    @Test
    void durationsKeepTwoUnits() {
        assertEquals("42 s", Units.duration(Duration.ofSeconds(42)));
        assertEquals("2 min 5 s", Units.duration(Duration.ofSeconds(125)));
        assertEquals("3 h 7 min", Units.duration(Duration.ofMinutes(187)));
        assertEquals("4 d 2 h", Units.duration(Duration.ofHours(98)));
    }
}
