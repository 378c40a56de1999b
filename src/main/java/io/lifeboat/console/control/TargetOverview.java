package io.lifeboat.console.control;

import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.runs.control.Runs;
import io.lifeboat.runs.entity.Run;
import io.lifeboat.schedules.control.CronSchedule;
import io.lifeboat.schedules.control.Schedules;
import io.lifeboat.schedules.entity.Schedule;
import io.lifeboat.targets.control.Targets;
import io.lifeboat.targets.entity.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** The state of every target as the dashboard shows it. */
@ApplicationScoped
public class TargetOverview {

    @Inject
    Targets targets;
    @Inject
    Backups backups;
    @Inject
    Schedules schedules;
    @Inject
    Runs runs;
    @Inject
    Freshness freshness;

    public List<TargetStatus> all() {
        Instant now = Instant.now();
        return targets.all().stream().map(t -> status(t, now)).toList();
    }

    public TargetStatus of(String name) {
        return status(targets.require(name), Instant.now());
    }

    private TargetStatus status(Target target, Instant now) {
        Optional<Backup> last = backups.forTarget(target.name()).stream().findFirst();
        Optional<CronSchedule> schedule = schedules.forTarget(target.name()).stream().filter(Schedule::enabled)
                .findFirst().map(s -> CronSchedule.parse(s.cron(), ZoneId.of(s.zone())));
        var verdict = freshness.assess(last.map(b -> b.finishedAt().toInstant()), schedule, now);
        Optional<ZonedDateTime> next = schedule.flatMap(s -> s.next(now.atZone(s.zone())));
        Optional<Run> running = runs.recent(target.name(), 5).stream()
                .filter(r -> r.kind() == Run.Kind.BACKUP && r.status() == Run.Status.RUNNING).findFirst();
        return new TargetStatus(target, verdict, last, next, running);
    }
}
