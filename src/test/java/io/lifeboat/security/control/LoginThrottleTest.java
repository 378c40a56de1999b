package io.lifeboat.security.control;

import io.lifeboat.security.control.LoginThrottle.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Failed logins counted in a real catalog, with the clock given by the test. */
class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private LoginThrottle throttle;

    @BeforeEach
    void freshCatalog() {
        throttle = new LoginThrottle(SecurityCatalogs.fresh("throttle"));
    }

    @Test
    void fiveFailuresForANameRefuseItFor30SecondsThenTheDelayDoubles() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice", "10.0.0." + i, T0.plusSeconds(i));
        }
        assertInstanceOf(Verdict.Allowed.class, throttle.check("alice", "10.0.0.9", T0.plusSeconds(4)));
        throttle.recordFailure("alice", "10.0.0.4", T0.plusSeconds(4));

        assertEquals(new Verdict.Refused(T0.plusSeconds(34)), throttle.check("alice", "10.0.0.9", T0.plusSeconds(5)));
        assertInstanceOf(Verdict.Allowed.class, throttle.check("bob", "10.0.0.9", T0.plusSeconds(5)));
        assertInstanceOf(Verdict.Allowed.class, throttle.check("alice", "10.0.0.9", T0.plusSeconds(34)));

        throttle.recordFailure("alice", "10.0.0.9", T0.plusSeconds(40));
        assertEquals(new Verdict.Refused(T0.plusSeconds(100)), throttle.check("alice", "10.0.0.9", T0.plusSeconds(41)));
        throttle.recordFailure("alice", "10.0.0.9", T0.plusSeconds(100));
        assertEquals(new Verdict.Refused(T0.plusSeconds(220)), throttle.check("alice", "10.0.0.9", T0.plusSeconds(101)));
    }

    @Test
    void twentyFailuresFromAnAddressRefuseEveryNameFromThere() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("user" + i, "192.0.2.7", T0.plusSeconds(i));
        }
        assertEquals(new Verdict.Refused(T0.plusSeconds(49)), throttle.check("newname", "192.0.2.7", T0.plusSeconds(20)));
        assertInstanceOf(Verdict.Allowed.class, throttle.check("newname", "192.0.2.8", T0.plusSeconds(20)));
    }

    @Test
    void failuresOlderThan15MinutesNoLongerCount() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("alice", "10.0.0.1", T0.plusSeconds(i));
        }
        assertInstanceOf(Verdict.Refused.class, throttle.check("alice", "10.0.0.1", T0.plusSeconds(10)));
        throttle.recordFailure("alice", "10.0.0.1", T0.plusSeconds(16 * 60));
        assertInstanceOf(Verdict.Allowed.class, throttle.check("alice", "10.0.0.1", T0.plusSeconds(16 * 60 + 1)));
    }

    @Test
    void aSuccessfulLoginForgetsTheNamesFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("alice", "10.0.0.1", T0.plusSeconds(i));
        }
        throttle.forget("alice");
        assertInstanceOf(Verdict.Allowed.class, throttle.check("alice", "10.0.0.1", T0.plusSeconds(6)));
    }
}
