package io.lifeboat.retention.control;

import io.lifeboat.backups.entity.BackupCopy;
import io.lifeboat.backups.entity.CopyStatus;
import io.lifeboat.retention.entity.DestinationPlan;
import io.lifeboat.retention.entity.RetentionCandidate;
import io.lifeboat.retention.entity.RetentionPolicy;
import io.lifeboat.targets.entity.Target;
import io.lifeboat.targets.entity.TargetDestination;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans retention copy by copy: in each destination of a target, over the copies kept there, with that
 * destination's policy. A copy counts as successful only where it is complete, so a destination whose copies
 * failed for weeks keeps its older ones; failed copies and incomplete folders are cleaned up there.
 */
final class CopyRetention {

    /** A backup of the catalog as retention sees it: its copies in each destination. */
    record Listed(String id, Instant startedAt, boolean pinned, List<BackupCopy> copies) {
    }

    private final RetentionPlanner planner;

    CopyRetention(RetentionPlanner planner) {
        this.planner = planner;
    }

    /**
     * @param destinations the target's destinations in order
     * @param ofTarget     the target's own retention
     * @param listed       the catalog's backups of the target
     * @param incomplete   per destination, ids of backup folders there without a manifest and not in the catalog
     */
    List<DestinationPlan> plan(List<TargetDestination> destinations, Target.Retention ofTarget, List<Listed> listed,
                               Map<String, Set<String>> incomplete, ZoneId zone, Instant now, Duration grace) {
        List<DestinationPlan> plans = new ArrayList<>();
        for (TargetDestination destination : destinations) {
            String name = destination.destination();
            List<RetentionCandidate> candidates = new ArrayList<>();
            for (Listed backup : listed) {
                backup.copies().stream().filter(c -> c.destination().equals(name)).findFirst()
                        .filter(c -> c.status() != CopyStatus.SWEPT)
                        .ifPresent(c -> candidates.add(new RetentionCandidate(backup.id(), backup.startedAt(),
                                c.complete() ? RetentionCandidate.Status.SUCCEEDED : RetentionCandidate.Status.FAILED,
                                backup.pinned())));
            }
            Set<String> ids = new java.util.HashSet<>(listed.stream().map(Listed::id).toList());
            incomplete.getOrDefault(name, Set.of()).stream().filter(id -> !ids.contains(id))
                    .forEach(id -> candidates.add(new RetentionCandidate(id, Pruning.startedAt(id),
                            RetentionCandidate.Status.INCOMPLETE, false)));
            RetentionPolicy policy = policy(destination.retention(ofTarget));
            plans.add(new DestinationPlan(name, policy, destination.ownRetention().isPresent(),
                    planner.plan(policy, candidates, zone, now, grace)));
        }
        return plans;
    }

    private static RetentionPolicy policy(Target.Retention r) {
        return new RetentionPolicy(r.keepLast(), r.keepDays(), r.keepDaily(), r.keepWeekly(), r.keepMonthly());
    }
}
