package io.lifeboat.targets.boundary;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.targets.entity.Target;

import java.util.List;
import java.util.Map;

/**
 * A target as a client sends it. {@code destinations} lists where backups go, in order (a restore reads the first
 * complete copy); the single {@code destination} of older clients is still accepted. {@code destinationRetention}
 * gives a destination its own retention instead of the target's, e.g. {@code {"offsite": {"keepLast": 30, ...}}}. Give either {@code password} (stored encrypted in the catalog
 * under the alias {@code target-<name>}) or {@code passwordAlias} (a secret configured as
 * {@code lifeboat.secrets.<alias>}). The password is never sent back.
 */
public record TargetRequest(String name, String host, Integer port, String database, String user,
                            String password, String passwordAlias, BackupFormat format,
                            ScheduleRequest schedule, Target.Retention retention, String destination,
                            List<String> destinations, Map<String, Target.Retention> destinationRetention) {

    /** The destinations the request names, in order; empty when it names none (then they stay as they are). */
    public List<String> destinationNames() {
        if (destinations != null && !destinations.isEmpty()) {
            return destinations;
        }
        return destination == null ? List.of() : List.of(destination);
    }

    /** A backup schedule: cron (5 fields, e.g. "0 2 * * *") in a time zone (default UTC). */
    public record ScheduleRequest(String cron, String zone) {
    }

    @Override
    public String toString() {
        return "TargetRequest[" + name + ", " + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
