package io.lifeboat.runs.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A heartbeat timeout too short for runs that beat every 10 s is raised to 30 s, with a warning. */
class HeartbeatTimeoutTest {

    @Test
    void aTimeoutOfThirtySecondsOrMoreIsKept() {
        assertEquals(new HeartbeatTimeout(Duration.ofSeconds(30), Optional.empty()), HeartbeatTimeout.of("PT30S"));
        assertEquals(new HeartbeatTimeout(Duration.ofMinutes(5), Optional.empty()), HeartbeatTimeout.of(" PT5M "));
    }

    @Test
    void aShorterTimeoutIsRaisedToThirtySecondsWithAWarning() {
        var timeout = HeartbeatTimeout.of("PT15S");

        assertEquals(Duration.ofSeconds(30), timeout.value());
        String warning = timeout.warning().orElseThrow();
        assertTrue(warning.contains("lifeboat.runs.heartbeat-timeout is PT15S"), warning);
        assertTrue(warning.contains("using PT30S"), warning);
        assertTrue(warning.contains("Set it to PT30S or more"), warning);
    }

    @Test
    void zeroAndNegativeTimeoutsAreRaisedToo() {
        assertEquals(Duration.ofSeconds(30), HeartbeatTimeout.of("PT0S").value());
        assertEquals(Duration.ofSeconds(30), HeartbeatTimeout.of("-PT1M").value());
        assertTrue(HeartbeatTimeout.of("-PT1M").warning().isPresent());
    }

    @Test
    void aValueThatIsNoDurationFallsBackToTheDefaultWithAWarning() {
        var timeout = HeartbeatTimeout.of("30s");

        assertEquals(Duration.ofMinutes(2), timeout.value());
        assertTrue(timeout.warning().orElseThrow().contains("write it like PT2M"), timeout.warning().toString());
    }
}
