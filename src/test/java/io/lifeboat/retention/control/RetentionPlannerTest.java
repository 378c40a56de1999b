package io.lifeboat.retention.control;

import io.lifeboat.retention.entity.RetentionCandidate;
import io.lifeboat.retention.entity.RetentionCandidate.Status;
import io.lifeboat.retention.entity.RetentionPlan;
import io.lifeboat.retention.entity.RetentionPolicy;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPlannerTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
    static final Duration GRACE = Duration.ofHours(6);

    final RetentionPlanner planner = new RetentionPlanner();

    /** Which successful backups stay, for small hand-made histories. */
    static Stream<Arguments> smallHistories() {
        return Stream.of(
                named("keep-last only: the newest 3 of 5 stay", RetentionPolicy.keepLast(3), UTC,
                        daily("d", "2026-11-11", 5), "d5 d4 d3"),
                named("keep-last larger than the history: everything stays", RetentionPolicy.keepLast(7), UTC,
                        daily("d", "2026-11-11", 5), "d5 d4 d3 d2 d1"),
                named("keep-days 3 over 10 daily backups: 3 within the days, anchor included", RetentionPolicy.keepLast(1).withKeepDays(3), UTC,
                        daily("d", "2026-11-06", 10), "d10 d9 d8"),
                named("keep-days counts from the newest success, not from now", RetentionPolicy.keepLast(1).withKeepDays(3), UTC,
                        daily("d", "2026-06-01", 10), "d10 d9 d8"),
                named("keep-last beats keep-days when backups are sparse", RetentionPolicy.keepLast(4).withKeepDays(2), UTC,
                        List.of(ok("a", "2026-11-15T02:00:00Z"), ok("b", "2026-10-01T02:00:00Z"),
                                ok("c", "2026-09-01T02:00:00Z"), ok("d", "2026-08-01T02:00:00Z"), ok("e", "2026-07-01T02:00:00Z")),
                        "a b c d"),
                named("pinned old backups survive", RetentionPolicy.keepLast(2), UTC,
                        List.of(ok("new", "2026-11-15T02:00:00Z"), ok("mid", "2026-11-14T02:00:00Z"), ok("old", "2026-11-13T02:00:00Z"),
                                pinned("2019", "2019-01-01T02:00:00Z"), pinned("2024", "2024-06-01T02:00:00Z")),
                        "new mid 2024 2019"),
                named("failed ones never count: keep-last 2 keeps two successes past the failures", RetentionPolicy.keepLast(2), UTC,
                        List.of(failed("f1", "2026-11-15T02:00:00Z"), ok("s1", "2026-11-14T02:00:00Z"),
                                failed("f2", "2026-11-13T02:00:00Z"), ok("s2", "2026-11-12T02:00:00Z"), ok("s3", "2026-11-11T02:00:00Z")),
                        "s1 s2"),
                named("all backups failed or incomplete: nothing to keep", RetentionPolicy.defaults(), UTC,
                        List.of(failed("f1", "2026-11-15T02:00:00Z"), incomplete("i1", "2026-11-14T02:00:00Z")), ""),
                named("empty list", RetentionPolicy.defaults(), UTC, List.of(), ""),
                // 23:30 in Sao Paulo (UTC-3) is 02:30 UTC of the next day: which backup is "the newest of Nov 14" depends on the zone
                named("time zone edge, daily in America/Sao_Paulo: late evening belongs to Nov 14", RetentionPolicy.keepLast(1).withGfs(2, 0, 0),
                        ZoneId.of("America/Sao_Paulo"), zoneEdge(), "evening-15 late-14"),
                named("time zone edge, daily in UTC: late evening belongs to Nov 15", RetentionPolicy.keepLast(1).withGfs(2, 0, 0),
                        UTC, zoneEdge(), "evening-15 noon-14"),
                named("time zone edge, Asia/Tokyo (UTC+9): all three are on different days", RetentionPolicy.keepLast(1).withGfs(3, 0, 0),
                        ZoneId.of("Asia/Tokyo"), zoneEdge(), "evening-15 late-14 noon-14"));
    }

    static List<RetentionCandidate> zoneEdge() {
        return List.of(ok("evening-15", "2026-11-15T20:00:00-03:00"), // 23:00 UTC, Nov 16 08:00 in Tokyo
                ok("late-14", "2026-11-14T23:30:00-03:00"),           // 02:30 UTC Nov 15, Nov 15 11:30 in Tokyo
                ok("noon-14", "2026-11-14T11:59:00-03:00"));          // 14:59 UTC Nov 14, Nov 14 23:59 in Tokyo
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("smallHistories")
    void keepsExactlyTheExpectedBackups(RetentionPolicy policy, ZoneId zone, List<RetentionCandidate> backups, String expectedKept) {
        RetentionPlan plan = planner.plan(policy, backups, zone, NOW, GRACE);

        assertEquals(ids(expectedKept), plan.keptIds());
        Set<String> successful = backups.stream().filter(RetentionCandidate::succeeded).map(RetentionCandidate::id).collect(Collectors.toSet());
        successful.removeAll(plan.keptIds());
        assertEquals(successful, plan.delete().stream().map(d -> d.backup().id()).collect(Collectors.toSet()),
                "every successful backup not kept is deleted");
        assertTrue(plan.delete().stream().allMatch(d -> d.reason().equals(RetentionPlan.BEYOND_THE_POLICY)));
        assertInvariants(policy, backups, plan);
    }

    /** One successful backup a day at 02:00 UTC, 2025-11-16 (a Sunday) to 2026-11-15 (a Sunday, in 2026-W46). */
    static final List<RetentionCandidate> YEAR = daily("y", "2025-11-16", 365);

    @ParameterizedTest(name = "[{index}] {0}: {1} kept")
    @CsvSource(delimiter = '|', textBlock = """
            last 7 only                                                  | 7  | 7 | 0  | 0 | 0 | 0
            last 7 + 30 days (30 within, 7 of them also last)            | 30 | 7 | 30 | 0 | 0 | 0
            last 7 + daily 30                                            | 30 | 7 | 0  | 30 | 0 | 0
            last 7 + weekly 4 (3 Sundays before this week)               | 10 | 7 | 0  | 0 | 4 | 0
            last 7 + weekly 52 (51 Sundays before this week)             | 58 | 7 | 0  | 0 | 52 | 0
            last 7 + weekly 60 (only 53 weeks hold backups)              | 59 | 7 | 0  | 0 | 60 | 0
            last 7 + monthly 12 (11 month ends before November)          | 18 | 7 | 0  | 0 | 0 | 12
            last 7 + monthly 24 (Nov 2025 adds one, then history ends)   | 19 | 7 | 0  | 0 | 0 | 24
            last 7 + daily 7, weekly 4, monthly 12                       | 21 | 7 | 0  | 7 | 4 | 12
            last 1 + daily 7, weekly 4, monthly 12                       | 21 | 1 | 0  | 7 | 4 | 12
            last 1 + daily 14, weekly 8, monthly 6 (14 + 6 weeks + 5 months) | 25 | 1 | 0  | 14 | 8 | 6
            last 400 keeps a year                                        | 365 | 400 | 0 | 0 | 0 | 0
            """)
    void gfsOverAYearOfDailyBackups(String name, int kept, int last, int days, int daily, int weekly, int monthly) {
        RetentionPlan plan = planner.plan(new RetentionPolicy(last, days, daily, weekly, monthly), YEAR, UTC, NOW, GRACE);

        assertEquals(kept, plan.keep().size(), name);
        assertEquals(365 - kept, plan.delete().size(), name);
        assertInvariants(new RetentionPolicy(last, days, daily, weekly, monthly), YEAR, plan);
    }

    @Test
    void explainsEveryRuleThatKeepsABackup() {
        var policy = new RetentionPolicy(7, 30, 7, 4, 12);
        var backups = new ArrayList<>(YEAR);
        backups.add(pinned("pinned-2024", "2024-02-29T02:00:00Z"));
        RetentionPlan plan = planner.plan(policy, backups, UTC, NOW, GRACE);

        assertEquals(List.of("last 7", "within 30 days", "daily 2026-11-15", "weekly 2026-W46", "monthly 2026-11"), reasons(plan, "y365"));
        assertEquals(List.of("within 30 days", "weekly 2026-W45"), reasons(plan, "y358"));      // Sunday 2026-11-08
        assertEquals(List.of("within 30 days", "monthly 2026-10"), reasons(plan, "y350"));       // 2026-10-31
        assertEquals(List.of("monthly 2026-09"), reasons(plan, "y319"));                         // 2026-09-30
        assertEquals(List.of("within 30 days", "weekly 2026-W43"), reasons(plan, "y344"));       // Sunday 2026-10-25
        assertEquals(List.of("monthly 2025-12"), reasons(plan, "y46"));                          // 2025-12-31
        assertEquals(List.of("pinned"), reasons(plan, "pinned-2024"));
        assertEquals(Instant.parse("2026-11-15T02:00:00Z"), plan.anchor().orElseThrow());
    }

    @Test
    void aWeekStraddlingTheNewYearIsNamedByItsIsoYear() {
        // 2026-01-01 is a Thursday: Monday 2025-12-29 starts 2026-W01
        var backups = List.of(ok("thu", "2026-01-01T10:00:00Z"), ok("mon", "2025-12-29T10:00:00Z"), ok("sun", "2025-12-28T10:00:00Z"));
        RetentionPlan plan = planner.plan(RetentionPolicy.keepLast(1).withGfs(0, 2, 0), backups, UTC, NOW, GRACE);

        assertEquals(List.of("last 1", "weekly 2026-W01"), reasons(plan, "thu"));
        assertEquals(List.of("weekly 2025-W52"), reasons(plan, "sun"));
        assertEquals(List.of("mon"), plan.delete().stream().map(d -> d.backup().id()).toList());
    }

    /**
     * The user was away: 60 days of good daily backups, then the newest 30 runs failed. Counting
     * from "now" would keep only the last 7; counting from the newest success keeps what the policy says.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            last 7 + 14 days          | 7 | 14 | 0  | 0 | 0 | 14
            last 7 + daily 10         | 7 | 0  | 10 | 0 | 0 | 10
            last 7 + 3 days           | 7 | 3  | 0  | 0 | 0 | 7
            last 3 + weekly 3 (Sundays before the anchor's week, and the anchor) | 3 | 0 | 0 | 3 | 0 | 5
            last 7 only               | 7 | 0  | 0  | 0 | 0 | 7
            """)
    void backupsFailingForWeeksAgeNothingOut(String name, int last, int days, int daily, int weekly, int monthly, int kept) {
        var backups = new ArrayList<>(daily("ok", "2026-08-18", 60));                 // last success 2026-10-16, a Friday
        backups.addAll(dailyOf(Status.FAILED, "fail", "2026-10-17", 30));            // 2026-10-17 .. 2026-11-15
        var policy = new RetentionPolicy(last, days, daily, weekly, monthly);
        RetentionPlan plan = planner.plan(policy, backups, UTC, NOW, GRACE);

        assertEquals(Instant.parse("2026-10-16T02:00:00Z"), plan.anchor().orElseThrow());
        assertEquals(kept, plan.keep().size(), name);
        assertTrue(plan.keptIds().contains("ok60"), "the newest success always stays");
        assertEquals(30, plan.cleanUp().size(), "all failures are cleaned up");
        assertTrue(plan.cleanUp().stream().allMatch(d -> d.backup().status() == Status.FAILED && d.reason().equals("failed")));
        assertInvariants(policy, backups, plan);
    }

    /** What happens to backups that are not successful. */
    @ParameterizedTest(name = "[{index}] {0} started {1} ago, pinned={2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            FAILED     | PT1M   | false | cleanUp    | failed
            FAILED     | P30D   | false | cleanUp    | failed
            INCOMPLETE | PT20M  | false | leaveAlone | incomplete, started within the last 6 h: may still be running
            INCOMPLETE | PT5H59M | false | leaveAlone | incomplete, started within the last 6 h: may still be running
            INCOMPLETE | PT6H   | false | cleanUp    | incomplete for more than 6 h
            INCOMPLETE | P3D    | false | cleanUp    | incomplete for more than 6 h
            FAILED     | P3D    | true  | leaveAlone | pinned
            INCOMPLETE | P3D    | true  | leaveAlone | pinned
            """)
    void failedAndIncompleteBackups(Status status, Duration age, boolean pinned, String bucket, String reason) {
        var backups = List.of(ok("good", "2026-11-15T02:00:00Z"),
                new RetentionCandidate("other", NOW.minus(age), status, pinned));
        RetentionPlan plan = planner.plan(RetentionPolicy.defaults(), backups, UTC, NOW, GRACE);

        assertEquals(List.of("good"), plan.keptIds(), "a failed or incomplete backup never counts as kept");
        switch (bucket) {
            case "cleanUp" -> {
                assertEquals(List.of("other"), plan.cleanUp().stream().map(d -> d.backup().id()).toList());
                assertEquals(reason, plan.cleanUp().get(0).reason());
                assertTrue(plan.leaveAlone().isEmpty());
                assertEquals(List.of("other"), plan.toRemove().stream().map(RetentionCandidate::id).toList());
            }
            case "leaveAlone" -> {
                assertEquals(List.of("other"), plan.leaveAlone().stream().map(k -> k.backup().id()).toList());
                assertEquals(List.of(reason), plan.leaveAlone().get(0).reasons());
                assertTrue(plan.toRemove().isEmpty());
            }
            default -> throw new IllegalArgumentException(bucket);
        }
    }

    @Test
    void anIncompleteBackupWithinTheGracePeriodIsKeptEvenWhenNothingSucceeded() {
        var backups = List.of(incomplete("running", "2026-11-15T11:30:00Z"), failed("f", "2026-11-14T02:00:00Z"),
                incomplete("crashed", "2026-11-13T02:00:00Z"));
        RetentionPlan plan = planner.plan(RetentionPolicy.defaults(), backups, UTC, NOW, Duration.ofHours(1));

        assertTrue(plan.anchor().isEmpty());
        assertTrue(plan.keep().isEmpty());
        assertEquals(List.of("running"), plan.leaveAlone().stream().map(k -> k.backup().id()).toList());
        assertEquals(List.of("f", "crashed"), plan.toRemove().stream().map(RetentionCandidate::id).toList());
    }

    /** Seeded random histories: whatever the policy, the safety rules hold. */
    @ParameterizedTest(name = "[{index}] seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026, 7777})
    void safetyRulesHoldForRandomHistories(long seed) {
        var random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            var backups = new ArrayList<RetentionCandidate>();
            Instant at = NOW;
            for (int i = random.nextInt(80); i >= 0; i--) {
                at = at.minus(Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60)));
                Status status = Status.values()[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2)];
                backups.add(new RetentionCandidate("b" + i, at, status, random.nextInt(20) == 0));
            }
            Collections.shuffle(backups, random);
            var policy = new RetentionPolicy(1 + random.nextInt(10), random.nextInt(3) * 10,
                    random.nextInt(10), random.nextInt(6), random.nextInt(13));
            ZoneId zone = ZoneId.of(random.nextBoolean() ? "Europe/Berlin" : "America/Sao_Paulo");
            assertInvariants(policy, backups, planner.plan(policy, backups, zone, NOW, GRACE));
        }
    }

    @Test
    void refusesAHistoryThatListsABackupTwice() {
        var backups = List.of(ok("same", "2026-11-15T02:00:00Z"), ok("same", "2026-11-14T02:00:00Z"));
        var error = assertThrows(IllegalArgumentException.class,
                () -> planner.plan(RetentionPolicy.defaults(), backups, UTC, NOW, GRACE));
        assertTrue(error.getMessage().contains("Backup same is listed twice"), error.getMessage());
    }

    @Test
    void refusesANegativeGracePeriod() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> planner.plan(RetentionPolicy.defaults(), List.of(), UTC, NOW, Duration.ofMinutes(-1)));
        assertTrue(error.getMessage().contains("give a duration of zero or more"), error.getMessage());
    }

    static void assertInvariants(RetentionPolicy policy, List<RetentionCandidate> backups, RetentionPlan plan) {
        Set<String> removed = plan.toRemove().stream().map(RetentionCandidate::id).collect(Collectors.toSet());
        long successful = backups.stream().filter(RetentionCandidate::succeeded).count();
        assertEquals(backups.size(), plan.keep().size() + plan.delete().size() + plan.cleanUp().size() + plan.leaveAlone().size(),
                "every backup is in exactly one list");
        assertEquals(backups.size(), new HashSet<>(Stream.of(plan.keep().stream().map(k -> k.backup().id()),
                plan.leaveAlone().stream().map(k -> k.backup().id()), removed.stream()).flatMap(s -> s).toList()).size());
        assertTrue(backups.stream().filter(RetentionCandidate::pinned).noneMatch(b -> removed.contains(b.id())), "pinned never removed");
        assertEquals(Math.min(policy.keepLast(), successful), plan.keep().stream().filter(k -> k.reasons().contains("last " + policy.keepLast())).count());
        assertTrue(plan.keep().size() >= Math.min(policy.keepLast(), successful), "never fewer than keepLast successful backups");
        assertTrue(plan.keep().stream().allMatch(k -> k.backup().succeeded() && !k.reasons().isEmpty()));
        assertTrue(plan.delete().stream().allMatch(d -> d.backup().succeeded() && !d.backup().pinned()));
        assertTrue(plan.cleanUp().stream().noneMatch(d -> d.backup().succeeded()));
        backups.stream().filter(RetentionCandidate::succeeded).map(RetentionCandidate::startedAt).max(Instant::compareTo)
                .ifPresentOrElse(newest -> assertEquals(newest, plan.anchor().orElseThrow()), () -> assertFalse(plan.anchor().isPresent()));
    }

    static List<String> reasons(RetentionPlan plan, String id) {
        return plan.keep().stream().filter(k -> k.backup().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not kept")).reasons();
    }

    static List<String> ids(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.split(" "));
    }

    static Arguments named(String name, RetentionPolicy policy, ZoneId zone, List<RetentionCandidate> backups, String kept) {
        return Arguments.of(Named.of(name, policy), zone, backups, kept);
    }

    /** {@code count} daily backups at 02:00 UTC from {@code first}, named prefix1 (oldest) to prefixN (newest). */
    static List<RetentionCandidate> daily(String prefix, String first, int count) {
        return dailyOf(Status.SUCCEEDED, prefix, first, count);
    }

    static List<RetentionCandidate> dailyOf(Status status, String prefix, String first, int count) {
        LocalDate start = LocalDate.parse(first);
        return Stream.iterate(0, i -> i < count, i -> i + 1)
                .map(i -> new RetentionCandidate(prefix + (i + 1), start.plusDays(i).atTime(2, 0).toInstant(ZoneOffset.UTC), status, false))
                .toList();
    }

    static RetentionCandidate ok(String id, String at) {
        return new RetentionCandidate(id, OffsetDateTime.parse(at).toInstant(), Status.SUCCEEDED, false);
    }

    static RetentionCandidate pinned(String id, String at) {
        return new RetentionCandidate(id, OffsetDateTime.parse(at).toInstant(), Status.SUCCEEDED, true);
    }

    static RetentionCandidate failed(String id, String at) {
        return new RetentionCandidate(id, OffsetDateTime.parse(at).toInstant(), Status.FAILED, false);
    }

    static RetentionCandidate incomplete(String id, String at) {
        return new RetentionCandidate(id, OffsetDateTime.parse(at).toInstant(), Status.INCOMPLETE, false);
    }
}
