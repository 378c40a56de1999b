package io.lifeboat.console.control;

import io.lifeboat.console.control.Freshness.Level;
import io.lifeboat.schedules.control.CronSchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshnessTest {

    private static final Freshness FRESHNESS = Freshness.withGrace(Duration.ofHours(1));
    private static final Optional<CronSchedule> DAILY_AT_TWO = Optional.of(CronSchedule.parse("0 2 * * *", ZoneId.of("UTC")));

    private static Level level(String lastSuccess, Optional<CronSchedule> schedule, String now) {
        return FRESHNESS.assess(Optional.ofNullable(lastSuccess).map(Instant::parse), schedule, Instant.parse(now)).level();
    }

    @Test
    void aBackupAfterTheLatestSlotIsFresh() {
        assertEquals(Level.FRESH, level("2026-12-01T02:01:00Z", DAILY_AT_TWO, "2026-12-01T10:00:00Z"));
    }

    @Test
    void oneMissedSlotIsLate() {
        assertEquals(Level.LATE, level("2026-11-30T02:01:00Z", DAILY_AT_TWO, "2026-12-01T10:00:00Z"));
    }

    @Test
    void twoMissedSlotsAreStale() {
        assertEquals(Level.STALE, level("2026-11-29T02:01:00Z", DAILY_AT_TWO, "2026-12-01T10:00:00Z"));
    }

    @Test
    void aSlotWhoseRunMayStillBeGoingDoesNotCountYet() {
        // 02:30 is within the hour of grace after today's 02:00 slot: yesterday's backup still counts as fresh
        assertEquals(Level.FRESH, level("2026-11-30T02:01:00Z", DAILY_AT_TWO, "2026-12-01T02:30:00Z"));
        assertEquals(Level.LATE, level("2026-11-30T02:01:00Z", DAILY_AT_TWO, "2026-12-01T03:00:01Z"));
    }

    @Test
    void slotsAreReadInTheSchedulesZone() {
        var berlin = Optional.of(CronSchedule.parse("0 2 * * *", ZoneId.of("Europe/Berlin")));
        // 02:00 in Berlin is 01:00 UTC in winter: a backup at 01:05 UTC covers today's slot
        assertEquals(Level.FRESH, level("2026-12-01T01:05:00Z", berlin, "2026-12-01T10:00:00Z"));
        assertEquals(Level.LATE, level("2026-12-01T00:55:00Z", berlin, "2026-12-01T10:00:00Z"));
    }

    @Test
    void noBackupAtAllIsStaleWithoutAnAge() {
        var verdict = FRESHNESS.assess(Optional.empty(), DAILY_AT_TWO, Instant.parse("2026-12-01T10:00:00Z"));
        assertEquals(Level.STALE, verdict.level());
        assertTrue(verdict.age().isEmpty());
    }

    @Test
    void theAgeIsMeasuredFromTheLastSuccess() {
        var verdict = FRESHNESS.assess(Optional.of(Instant.parse("2026-12-01T02:00:00Z")), DAILY_AT_TWO,
                Instant.parse("2026-12-01T05:30:00Z"));
        assertEquals(Duration.ofMinutes(210), verdict.age().orElseThrow());
    }

    @Test
    void withoutAScheduleOneDayIsFreshTwoAreLateMoreIsStale() {
        assertEquals(Level.FRESH, level("2026-11-30T12:00:00Z", Optional.empty(), "2026-12-01T12:30:00Z"));
        assertEquals(Level.LATE, level("2026-11-30T00:00:00Z", Optional.empty(), "2026-12-01T12:30:00Z"));
        assertEquals(Level.STALE, level("2026-11-28T00:00:00Z", Optional.empty(), "2026-12-01T12:30:00Z"));
    }

    @Test
    void aYearlyScheduleIsFreshAllYearAfterItsSlot() {
        var yearly = Optional.of(CronSchedule.parse("0 0 1 1 *", ZoneId.of("UTC")));
        assertEquals(Level.FRESH, level("2026-12-01T00:00:00Z", yearly, "2026-12-01T12:00:00Z"));
    }
}
