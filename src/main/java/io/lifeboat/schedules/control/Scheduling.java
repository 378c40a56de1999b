package io.lifeboat.schedules.control;

import io.lifeboat.api.Problem;
import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.runs.control.Instance;
import io.lifeboat.schedules.entity.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One tick of the scheduler: for each schedule, the latest slot that is due and not yet fired is
 * claimed in the catalog (once across all instances) and its backup started. After downtime
 * that is one catch-up run, not one per missed slot.
 */
@ApplicationScoped
public class Scheduling {

    private static final Logger LOG = Logger.getLogger(Scheduling.class.getName());
    private static final Duration LATE = Duration.ofMinutes(2);

    @Inject
    Schedules schedules;
    @Inject
    BackupRuns backupRuns;
    @Inject
    Instance instance;

    public void tick() {
        for (Schedule schedule : schedules.enabled()) {
            try {
                due(schedule).ifPresent(slot -> fire(schedule, slot));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Schedule " + schedule.id() + " of '" + schedule.target() + "' could not fire", e);
            }
        }
    }

    static Optional<ZonedDateTime> due(Schedule schedule, ZonedDateTime now) {
        var cron = CronSchedule.parse(schedule.cron(), ZoneId.of(schedule.zone()));
        return cron.latestDue(now.withZoneSameInstant(cron.zone()))
                .filter(slot -> slot.toOffsetDateTime().isAfter(schedule.createdAt()))
                .filter(slot -> schedule.lastSlot() == null || slot.toOffsetDateTime().isAfter(schedule.lastSlot()));
    }

    private Optional<ZonedDateTime> due(Schedule schedule) {
        return due(schedule, ZonedDateTime.now());
    }

    private void fire(Schedule schedule, ZonedDateTime slot) {
        if (!schedules.claim(schedule, slot.toOffsetDateTime(), instance.id())) {
            return;
        }
        boolean late = slot.plus(LATE).isBefore(ZonedDateTime.now(slot.getZone()));
        Trigger trigger = late ? Trigger.CATCH_UP : Trigger.SCHEDULE;
        try {
            var started = backupRuns.start(schedule.target(), trigger, "scheduler");
            LOG.info(() -> "Schedule " + schedule.id() + " fired for slot " + slot + ": run " + started.run().id()
                    + (late ? " (catch-up after downtime)" : ""));
        } catch (Problem p) {
            LOG.warning(() -> "Schedule " + schedule.id() + " of '" + schedule.target() + "' skipped slot " + slot
                    + ": " + p.getMessage());
        }
    }
}
