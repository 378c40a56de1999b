package io.lifeboat.console.control;

import io.lifeboat.schedules.control.CronSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * How fresh a target's newest successful backup is against its schedule.
 * <ul>
 * <li>{@link Level#FRESH}: the backup covers the latest scheduled slot (a slot counts once the grace
 *     for its run has passed);</li>
 * <li>{@link Level#LATE}: it covers the slot before that, so one scheduled backup is missing;</li>
 * <li>{@link Level#STALE}: older than that, or no successful backup at all.</li>
 * </ul>
 * A target without a schedule is measured against one day ({@link #UNSCHEDULED_PERIOD}).
 */
@ApplicationScoped
public class Freshness {

    public static final Duration UNSCHEDULED_PERIOD = Duration.ofDays(1);

    /** Green, amber, red. */
    public enum Level { FRESH, LATE, STALE }

    /** The level and the age of the newest successful backup, if there is one. */
    public record Verdict(Level level, Optional<Duration> age) {
    }

    private Duration grace;

    @Inject
    Freshness(@ConfigProperty(name = "lifeboat.console.freshness-grace", defaultValue = "PT1H") Duration grace) {
        this.grace = grace;
    }

    protected Freshness() {
        this(Duration.ofHours(1));
    }

    public static Freshness withGrace(Duration grace) {
        return new Freshness(grace);
    }

    public Verdict assess(Optional<Instant> lastSuccess, Optional<CronSchedule> schedule, Instant now) {
        if (lastSuccess.isEmpty()) {
            return new Verdict(Level.STALE, Optional.empty());
        }
        Instant last = lastSuccess.get();
        Optional<Duration> age = Optional.of(Duration.between(last, now).isNegative() ? Duration.ZERO
                : Duration.between(last, now));
        if (schedule.isEmpty()) {
            Duration elapsed = age.get();
            Level level = elapsed.compareTo(UNSCHEDULED_PERIOD.plus(grace)) <= 0 ? Level.FRESH
                    : elapsed.compareTo(UNSCHEDULED_PERIOD.multipliedBy(2).plus(grace)) <= 0 ? Level.LATE : Level.STALE;
            return new Verdict(level, age);
        }
        CronSchedule cron = schedule.get();
        ZonedDateTime settled = now.minus(grace).atZone(cron.zone());
        Optional<ZonedDateTime> latest = cron.latestDue(settled);
        if (latest.isEmpty() || !last.isBefore(latest.get().toInstant())) {
            return new Verdict(Level.FRESH, age);
        }
        Optional<ZonedDateTime> before = cron.latestDue(latest.get().minusSeconds(1));
        boolean coversSlotBefore = before.isEmpty() || !last.isBefore(before.get().toInstant());
        return new Verdict(coversSlotBefore ? Level.LATE : Level.STALE, age);
    }
}
