package io.lifeboat.targets.boundary;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.targets.entity.Target;
import io.lifeboat.targets.entity.TargetDestination;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A target as the API shows it: everything but the password; {@code destination} is the first of {@code destinations}. */
public record TargetJson(String name, String host, int port, String database, String user, String passwordAlias,
                         BackupFormat format, String destination, List<String> destinations,
                         Target.Retention retention, Map<String, Target.Retention> destinationRetention,
                         List<ScheduleJson> schedules, OffsetDateTime createdAt) {

    public record ScheduleJson(long id, String cron, String zone, boolean enabled, OffsetDateTime lastSlot,
                               OffsetDateTime next) {
    }

    public static TargetJson of(Target t, List<ScheduleJson> schedules) {
        var c = t.connection();
        return new TargetJson(t.name(), c.host(), c.port(), c.database(), c.user(), c.secretAlias(), t.format(),
                t.destinationNames().get(0), t.destinationNames(), t.retention(), ownRetention(t), schedules,
                t.createdAt());
    }

    private static Map<String, Target.Retention> ownRetention(Target t) {
        Map<String, Target.Retention> own = new LinkedHashMap<>();
        for (TargetDestination d : t.destinations()) {
            d.ownRetention().ifPresent(r -> own.put(d.destination(), r));
        }
        return own;
    }
}
