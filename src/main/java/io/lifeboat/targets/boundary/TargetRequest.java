package io.lifeboat.targets.boundary;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.targets.entity.Target;

/**
 * A target as a client sends it. Give either {@code password} (stored encrypted in the catalog
 * under the alias {@code target-<name>}) or {@code passwordAlias} (a secret configured as
 * {@code lifeboat.secrets.<alias>}). The password is never sent back.
 */
public record TargetRequest(String name, String host, Integer port, String database, String user,
                            String password, String passwordAlias, BackupFormat format,
                            ScheduleRequest schedule, Target.Retention retention) {

    /** A backup schedule: cron (5 fields, e.g. "0 2 * * *") in a time zone (default UTC). */
    public record ScheduleRequest(String cron, String zone) {
    }

    @Override
    public String toString() {
        return "TargetRequest[" + name + ", " + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
