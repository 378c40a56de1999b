package io.lifeboat.schedules.control;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cron expression read in a time zone: the standard five UNIX fields
 * ({@code minute hour day-of-month month day-of-week}; day-of-month and day-of-week match when
 * either does, as in cron) or one of {@code @hourly @daily @midnight @weekly @monthly @yearly @annually}.
 *
 * <p>The expression names wall-clock times in the zone. Daylight-saving changes:
 * <ul>
 * <li>a time the clocks skip (02:30 when Berlin jumps from 02:00 to 03:00) runs once, at the
 *     moment of the jump (03:00 summer time); several skipped slots become that one run;</li>
 * <li>a time the clocks show twice (02:30 when Berlin falls back from 03:00 to 02:00) runs once,
 *     at its first occurrence (summer time). So an expression with several runs an hour has no
 *     run during the repeated hour.</li>
 * </ul>
 * Every slot is thus one distinct moment, which the scheduler can claim exactly once.
 */
public final class CronSchedule {

    public static final String EXAMPLE = "\"0 2 * * *\" (02:00 every day)";

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    /** More slots than fit in the longest repeated hour of any zone, with room to spare. */
    private static final int MAXIMUM_SKIPPED_SLOTS = 10_000;

    private static final int MAXIMUM_PREVIEW = 1_000;

    private final String expression;
    private final WallClock clock;
    private final ExecutionTime slots;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime slots) {
        this.expression = expression;
        this.clock = new WallClock(zone);
        this.slots = slots;
    }

    /**
     * @throws IllegalArgumentException when the expression cannot be read or never fires; the
     *                                  message quotes it and shows a valid one
     */
    public static CronSchedule parse(String expression, ZoneId zone) {
        if (zone == null) {
            throw new IllegalArgumentException("The schedule \"" + expression + "\" has no time zone: "
                    + "give one such as Europe/Berlin or UTC.");
        }
        if (expression == null || expression.isBlank()) {
            throw invalid(expression, "it is empty");
        }
        String trimmed = expression.trim().replaceAll("\\s+", " ");
        String fields = trimmed.startsWith("@") ? macro(trimmed) : trimmed;
        ExecutionTime slots;
        try {
            Cron cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(fields);
            slots = ExecutionTime.forCron(cron.validate());
        } catch (IllegalArgumentException e) {
            throw invalid(expression, e.getMessage());
        }
        if (slots.nextExecution(LocalDateTime.of(2000, 1, 1, 0, 0).atZone(ZoneOffset.UTC)).isEmpty()) {
            throw invalid(expression, "it names a date that never comes, such as February 30");
        }
        return new CronSchedule(trimmed, zone, slots);
    }

    /** The first run strictly after {@code after}, in this schedule's zone. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        Objects.requireNonNull(after, "after");
        LocalDateTime slot = clock.wallTime(after);
        for (int skipped = 0; skipped < MAXIMUM_SKIPPED_SLOTS; skipped++) {
            Optional<LocalDateTime> following = step(slot, slots::nextExecution);
            if (following.isEmpty()) {
                return Optional.empty();
            }
            slot = following.get();
            ZonedDateTime moment = clock.moment(slot);
            if (moment.toInstant().isAfter(after.toInstant())) {
                return Optional.of(moment);
            }
        }
        throw tooManySlots(after);
    }

    /**
     * The most recent run at or before {@code now}, in this schedule's zone. After downtime the
     * scheduler fires this one slot as the catch-up run, not every slot it missed.
     */
    public Optional<ZonedDateTime> latestDue(ZonedDateTime now) {
        Objects.requireNonNull(now, "now");
        LocalDateTime candidate = clock.latestCandidate(now);
        LocalDateTime onTheMinute = candidate.truncatedTo(ChronoUnit.MINUTES);
        Optional<LocalDateTime> slot = slots.isMatch(onTheMinute.atZone(ZoneOffset.UTC))
                ? Optional.of(onTheMinute) : step(candidate, slots::lastExecution);
        for (int skipped = 0; skipped < MAXIMUM_SKIPPED_SLOTS && slot.isPresent(); skipped++) {
            ZonedDateTime moment = clock.moment(slot.get());
            if (!moment.toInstant().isAfter(now.toInstant())) {
                return Optional.of(moment);
            }
            slot = step(slot.get(), slots::lastExecution);
        }
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        throw tooManySlots(now);
    }

    /** The next {@code count} runs strictly after {@code from}, for a preview. */
    public List<ZonedDateTime> nextRuns(ZonedDateTime from, int count) {
        if (count < 0 || count > MAXIMUM_PREVIEW) {
            throw new IllegalArgumentException("Cannot preview " + count + " runs: ask for 0 to " + MAXIMUM_PREVIEW + ".");
        }
        List<ZonedDateTime> runs = new ArrayList<>(count);
        Optional<ZonedDateTime> run = Optional.of(from);
        while (runs.size() < count && (run = next(run.get())).isPresent()) {
            runs.add(run.get());
        }
        return runs;
    }

    /** The expression as written (trimmed), macros included. */
    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return clock.zone();
    }

    private static Optional<LocalDateTime> step(LocalDateTime slot,
                                                Function<ZonedDateTime, Optional<ZonedDateTime>> direction) {
        return direction.apply(slot.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
    }

    private static String macro(String expression) {
        String fields = MACROS.get(expression.toLowerCase(Locale.ROOT));
        if (fields == null) {
            throw invalid(expression, "the only macros are " + String.join(" ", MACROS.keySet().stream().sorted().toList()));
        }
        return fields;
    }

    private static IllegalArgumentException invalid(String expression, String why) {
        return new IllegalArgumentException("The schedule \"" + expression + "\" is not a valid cron expression: " + why
                + ". Write five fields, minute hour day-of-month month day-of-week, e.g. " + EXAMPLE
                + ", \"*/15 * * * *\" or \"0 2 * * 1-5\", or a macro such as @daily.");
    }

    private IllegalStateException tooManySlots(ZonedDateTime around) {
        return new IllegalStateException("The schedule \"" + expression + "\" in " + zone() + " yields more than "
                + MAXIMUM_SKIPPED_SLOTS + " slots that do not move past " + around + "; report this as a bug.");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule that && expression.equals(that.expression) && zone().equals(that.zone());
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone());
    }

    @Override
    public String toString() {
        return expression + " (" + zone() + ")";
    }
}
