package io.lifeboat.console.control;

import io.lifeboat.backups.entity.Backup;
import io.lifeboat.runs.entity.Run;
import io.lifeboat.targets.entity.Target;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One line of the dashboard: a target, its newest backup and how fresh it is, its next scheduled
 * run, and the backup running now if there is one.
 */
public record TargetStatus(Target target, Freshness.Verdict freshness, Optional<Backup> lastBackup,
                           Optional<ZonedDateTime> nextRun, Optional<Run> running) {

    public String name() {
        return target.name();
    }

    public Optional<Duration> lastDuration() {
        return lastBackup.map(b -> Duration.between(b.startedAt(), b.finishedAt()));
    }
}
