package io.lifeboat.targets.boundary;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.targets.entity.Target;

import java.time.OffsetDateTime;
import java.util.List;

/** A target as the API shows it: everything but the password. */
public record TargetJson(String name, String host, int port, String database, String user, String passwordAlias,
                         BackupFormat format, String destination, Target.Retention retention,
                         List<ScheduleJson> schedules, OffsetDateTime createdAt) {

    public record ScheduleJson(long id, String cron, String zone, boolean enabled, OffsetDateTime lastSlot,
                               OffsetDateTime next) {
    }

    public static TargetJson of(Target t, List<ScheduleJson> schedules) {
        var c = t.connection();
        return new TargetJson(t.name(), c.host(), c.port(), c.database(), c.user(), c.secretAlias(), t.format(),
                t.destination(), t.retention(), schedules, t.createdAt());
    }
}
