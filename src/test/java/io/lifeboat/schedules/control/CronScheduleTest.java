package io.lifeboat.schedules.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Berlin 2026: clocks jump 02:00 -> 03:00 on March 29 and fall back 03:00 -> 02:00 on October 25.
 * Sao Paulo (DST until 2019, at midnight): 00:00 -> 01:00 on 2018-11-04, and back from 00:00 to
 * 23:00 of 2019-02-16. All expected times carry their offset, so a wrong offset fails too.
 */
class CronScheduleTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" in {1}, after {2}: {3}  ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 * * *     | UTC               | 2026-11-15T10:00Z      | 2026-11-16T00:00Z      | next midnight
            */15 * * * *  | UTC               | 2026-11-15T10:07Z      | 2026-11-15T10:15Z      | next quarter
            */15 * * * *  | UTC               | 2026-11-15T10:15Z      | 2026-11-15T10:30Z      | strictly after a slot
            0 2 * * 1-5   | Europe/Moscow     | 2026-11-13T03:00+03:00 | 2026-11-16T02:00+03:00 | Friday night to Monday
            0 2 * * 1-5   | Asia/Tokyo        | 2026-11-13T17:30Z      | 2026-11-16T02:00+09:00 | Saturday 02:30 in Tokyo is still Friday in UTC
            0 2 * * 1-5   | UTC               | 2026-11-13T17:30Z      | 2026-11-16T02:00Z      | the same moment, read in UTC
            0 0 1 * 1     | UTC               | 2026-04-28T00:00Z      | 2026-05-01T00:00Z      | day-of-month OR day-of-week, as in cron
            @daily        | Asia/Tokyo        | 2026-11-15T14:59:59Z   | 2026-11-16T00:00+09:00 | macro, Tokyo midnight
            @HOURLY       | UTC               | 2026-11-15T10:00Z      | 2026-11-15T11:00Z      | macros ignore case
            @weekly       | Europe/Moscow     | 2026-11-14T12:00+03:00 | 2026-11-15T00:00+03:00 | Sunday midnight
            @monthly      | Europe/Berlin     | 2026-11-15T12:00+01:00 | 2026-12-01T00:00+01:00 | first of the month
            @yearly       | UTC               | 2026-11-15T12:00Z      | 2027-01-01T00:00Z      | New Year
            30 2 * * *    | Europe/Berlin     | 2026-03-28T02:30+01:00 | 2026-03-29T03:00+02:00 | 02:30 does not exist: runs when the clocks jump
            30 2 * * *    | Europe/Berlin     | 2026-03-29T03:00+02:00 | 2026-03-30T02:30+02:00 | and only once
            */15 * * * *  | Europe/Berlin     | 2026-03-29T01:45+01:00 | 2026-03-29T03:00+02:00 | four skipped slots become one run at 03:00
            */15 * * * *  | Europe/Berlin     | 2026-03-29T03:00+02:00 | 2026-03-29T03:15+02:00 | then on as usual
            30 2 * * *    | Europe/Berlin     | 2026-10-25T02:30+02:00 | 2026-10-26T02:30+01:00 | 02:30 happens twice: runs at the first only
            30 2 * * *    | Europe/Berlin     | 2026-10-25T02:00+01:00 | 2026-10-26T02:30+01:00 | not in the second pass of the hour either
            30 2 * * *    | Europe/Berlin     | 2026-10-25T01:00+02:00 | 2026-10-25T02:30+02:00 | the first occurrence is summer time
            */15 * * * *  | Europe/Berlin     | 2026-10-25T02:45+02:00 | 2026-10-25T03:00+01:00 | no runs during the repeated hour
            0 0 * * *     | America/Sao_Paulo | 2018-11-03T12:00-03:00 | 2018-11-04T01:00-02:00 | midnight does not exist: runs at 01:00
            30 23 * * *   | America/Sao_Paulo | 2019-02-16T23:30-02:00 | 2019-02-17T23:30-03:00 | 23:30 happens twice: runs once
            0 0 * * *     | America/Sao_Paulo | 2019-02-16T12:00-02:00 | 2019-02-17T00:00-03:00 | midnight after the repeated hour
            """)
    void nextRun(String expression, ZoneId zone, OffsetDateTime after, OffsetDateTime expected, String why) {
        ZonedDateTime next = CronSchedule.parse(expression, zone).next(after.toZonedDateTime()).orElseThrow();

        assertEquals(expected.toInstant(), next.toInstant(), why);
        assertEquals(expected.getOffset(), next.getOffset(), why);
        assertEquals(zone, next.getZone(), "runs are given in the schedule's zone");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" in {1}, at {2}: {3}  ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 * * *     | Europe/Berlin     | 2026-11-20T10:00+01:00 | 2026-11-20T02:00+01:00 | five days down: only the last slot
            0 2 * * *     | Europe/Berlin     | 2026-11-20T02:00+01:00 | 2026-11-20T02:00+01:00 | a slot is due at its own moment
            0 2 * * *     | Europe/Berlin     | 2026-11-20T01:59:59+01:00 | 2026-11-19T02:00+01:00 | one second before is yesterday's
            0 2 * * *     | Europe/Berlin     | 2026-11-20T01:30Z      | 2026-11-20T02:00+01:00 | now given in UTC (02:30 in Berlin)
            0 2 * * 1-5   | Asia/Tokyo        | 2026-11-15T12:00+09:00 | 2026-11-13T02:00+09:00 | Sunday: Friday's run
            0 3 * * *     | Europe/Moscow     | 2026-11-15T02:59+03:00 | 2026-11-14T03:00+03:00 | Moscow has no DST
            @daily        | UTC               | 2026-11-15T00:00:30Z   | 2026-11-15T00:00Z      | seconds after the slot
            30 2 * * *    | Europe/Berlin     | 2026-03-29T03:10+02:00 | 2026-03-29T03:00+02:00 | the skipped 02:30 ran at 03:00
            30 2 * * *    | Europe/Berlin     | 2026-03-29T03:00+02:00 | 2026-03-29T03:00+02:00 | at the jump itself
            30 2 * * *    | Europe/Berlin     | 2026-03-29T01:59+01:00 | 2026-03-28T02:30+01:00 | before the jump: yesterday's
            30 2 * * *    | Europe/Berlin     | 2026-10-25T02:40+02:00 | 2026-10-25T02:30+02:00 | first pass of the repeated hour
            30 2 * * *    | Europe/Berlin     | 2026-10-25T02:40+01:00 | 2026-10-25T02:30+02:00 | second pass: the same slot, no second run
            */15 * * * *  | Europe/Berlin     | 2026-10-25T02:40+01:00 | 2026-10-25T02:45+02:00 | second pass: the last slot of the first pass
            */15 * * * *  | Europe/Berlin     | 2026-10-25T03:00+01:00 | 2026-10-25T03:00+01:00 | after the repeated hour
            0 0 * * *     | America/Sao_Paulo | 2018-11-04T01:30-02:00 | 2018-11-04T01:00-02:00 | the skipped midnight ran at 01:00
            30 23 * * *   | America/Sao_Paulo | 2019-02-16T23:45-03:00 | 2019-02-16T23:30-02:00 | second pass of 23:30 in Sao Paulo
            """)
    void latestDue(String expression, ZoneId zone, OffsetDateTime now, OffsetDateTime expected, String why) {
        ZonedDateTime due = CronSchedule.parse(expression, zone).latestDue(now.toZonedDateTime()).orElseThrow();

        assertEquals(expected.toInstant(), due.toInstant(), why);
        assertEquals(expected.getOffset(), due.getOffset(), why);
        assertEquals(zone, due.getZone());
    }

    /** What a scheduler tick sees after downtime: one catch-up slot, the same on every tick until the next slot. */
    @Test
    void afterDowntimeEveryTickSeesTheSameSingleCatchUpSlot() {
        var schedule = CronSchedule.parse("0 2 * * *", ZoneId.of("Europe/Berlin"));
        var lastRun = ZonedDateTime.parse("2026-11-15T02:00+01:00[Europe/Berlin]");
        var backUp = ZonedDateTime.parse("2026-11-20T10:00+01:00[Europe/Berlin]");

        var missed = schedule.nextRuns(lastRun, 10).stream().filter(run -> !run.isAfter(backUp)).toList();
        assertEquals(5, missed.size(), "five slots were missed");
        var due = schedule.latestDue(backUp).orElseThrow();
        assertEquals(missed.get(missed.size() - 1), due);
        for (int minutes = 1; minutes < 16 * 60; minutes += 7) {
            assertEquals(due, schedule.latestDue(backUp.plusMinutes(minutes)).orElseThrow(), "tick +" + minutes + " min");
        }
        assertEquals(schedule.next(due).orElseThrow(), schedule.latestDue(backUp.plusHours(16)).orElseThrow(), "the next day");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" in {1} from {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30 2 * * * | Europe/Berlin | 2026-03-27T12:00+01:00 | 2026-03-28T02:30+01:00 2026-03-29T03:00+02:00 2026-03-30T02:30+02:00 2026-03-31T02:30+02:00
            30 2 * * * | Europe/Berlin | 2026-10-23T12:00+02:00 | 2026-10-24T02:30+02:00 2026-10-25T02:30+02:00 2026-10-26T02:30+01:00 2026-10-27T02:30+01:00
            0 * * * *  | Europe/Berlin | 2026-03-29T00:30+01:00 | 2026-03-29T01:00+01:00 2026-03-29T03:00+02:00 2026-03-29T04:00+02:00
            0 * * * *  | Europe/Berlin | 2026-10-25T00:30+02:00 | 2026-10-25T01:00+02:00 2026-10-25T02:00+02:00 2026-10-25T03:00+01:00 2026-10-25T04:00+01:00
            0 2 * * 1-5 | UTC         | 2026-11-13T00:00Z      | 2026-11-13T02:00Z 2026-11-16T02:00Z 2026-11-17T02:00Z
            """)
    void previewAcrossDaylightSavingChanges(String expression, ZoneId zone, OffsetDateTime from, String expected) {
        List<ZonedDateTime> runs = CronSchedule.parse(expression, zone).nextRuns(from.toZonedDateTime(), expected.split(" ").length);

        assertEquals(List.of(expected.split(" ")), runs.stream().map(run -> run.toOffsetDateTime().toString()).toList());
    }

    /** A daily job over a whole year with its DST changes runs exactly once on every local day. */
    @ParameterizedTest(name = "[{index}] \"{0}\" in {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30 2 * * *  | Europe/Berlin       | 2026
            0 2 * * *   | Europe/Berlin       | 2026
            0 3 * * *   | Europe/Berlin       | 2026
            0 0 * * *   | America/Sao_Paulo   | 2018
            30 23 * * * | America/Sao_Paulo   | 2019
            0 1 * * *   | America/New_York    | 2026
            30 1 * * *  | America/New_York    | 2026
            0 2 * * *   | Europe/Moscow       | 2026
            0 0 * * *   | Asia/Tokyo          | 2026
            30 2 * * *  | UTC                 | 2026
            0 2 * * *   | Australia/Lord_Howe | 2026
            """)
    void aDailyJobRunsOnceOnEveryDayOfTheYear(String expression, ZoneId zone, int year) {
        var schedule = CronSchedule.parse(expression, zone);
        var start = LocalDate.of(year, 1, 1).atStartOfDay(zone).minusNanos(1);
        int days = LocalDate.of(year, 1, 1).lengthOfYear();

        List<ZonedDateTime> runs = schedule.nextRuns(start, days + 1);
        for (int day = 0; day < days; day++) {
            assertEquals(LocalDate.of(year, 1, 1).plusDays(day), runs.get(day).toLocalDate(), "run " + day + ": " + runs.get(day));
        }
        assertEquals(year + 1, runs.get(days).getYear());
        for (int i = 1; i < runs.size(); i++) {
            assertTrue(runs.get(i).isAfter(runs.get(i - 1)), "runs move forward: " + runs.get(i - 1) + " then " + runs.get(i));
        }
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''              | it is empty
            '   '           | it is empty
            0 0 * *         | contains 4 parts but we expect one of [5]
            0 0 * * * *     | contains 6 parts
            61 0 * * *      | Value 61 not in range [0, 59]
            0 25 * * *      | Value 25 not in range [0, 23]
            0 0 31 2 *      | never comes
            0 0 L * *       | Invalid chars
            every day at 2  | contains 4 parts
            @reboot         | the only macros are @annually @daily @hourly @midnight @monthly @weekly @yearly
            @often          | the only macros are
            """)
    void refusesExpressionsItCannotRead(String expression, String why) {
        var error = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(expression, ZoneId.of("UTC")));

        assertTrue(error.getMessage().contains("\"" + expression + "\""), "quotes the expression: " + error.getMessage());
        assertTrue(error.getMessage().contains(why), error.getMessage());
        assertTrue(error.getMessage().contains("e.g. \"0 2 * * *\""), "gives a valid example: " + error.getMessage());
    }

    @Test
    void refusesAMissingExpressionOrZone() {
        var noExpression = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(null, ZoneId.of("UTC")));
        assertTrue(noExpression.getMessage().contains("it is empty"), noExpression.getMessage());
        var noZone = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 2 * * *", null));
        assertTrue(noZone.getMessage().contains("give one such as Europe/Berlin"), noZone.getMessage());
    }

    @Test
    void keepsTheExpressionAsWrittenAndItsZone() {
        var schedule = CronSchedule.parse("  @daily ", ZoneId.of("Asia/Tokyo"));

        assertEquals("@daily", schedule.expression());
        assertEquals(ZoneId.of("Asia/Tokyo"), schedule.zone());
        assertEquals(schedule, CronSchedule.parse("@daily", ZoneId.of("Asia/Tokyo")));
        assertNotEquals(schedule, CronSchedule.parse("@daily", ZoneId.of("UTC")));
        assertEquals("0 2 * * *", CronSchedule.parse(" 0  2 * *\t* ", ZoneId.of("UTC")).expression(), "whitespace is normalised");
    }

    @ParameterizedTest(name = "[{index}] {0} runs")
    @CsvSource({"-1", "1001"})
    void refusesPreviewsOfUnreasonableLength(int count) {
        var schedule = CronSchedule.parse("@hourly", ZoneId.of("UTC"));
        var error = assertThrows(IllegalArgumentException.class, () -> schedule.nextRuns(ZonedDateTime.now(), count));
        assertTrue(error.getMessage().contains("ask for 0 to 1000"), error.getMessage());
    }
}
