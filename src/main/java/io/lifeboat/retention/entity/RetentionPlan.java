package io.lifeboat.retention.entity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What retention decided for one target, newest backup first in every list. Nothing is deleted
 * by making a plan: a dry run shows it, a prune run deletes {@link #toRemove()}.
 *
 * @param anchor     start of the newest successful backup, from which all time rules count back;
 *                   empty when the target has no successful backup (then nothing successful exists to keep)
 * @param keep       successful backups that stay, with every rule that keeps them
 * @param delete     successful backups beyond the policy
 * @param cleanUp    failed backups, and incomplete ones older than the grace period
 * @param leaveAlone backups that are not successful but must not be touched now: incomplete ones
 *                   within the grace period (they may still be running) and pinned ones
 */
public record RetentionPlan(Optional<Instant> anchor, List<Keep> keep, List<Delete> delete,
                            List<Delete> cleanUp, List<Keep> leaveAlone) {

    public static final String BEYOND_THE_POLICY = "beyond the policy";

    /** A backup that stays, and why. */
    public record Keep(RetentionCandidate backup, List<String> reasons) {
        public Keep {
            reasons = List.copyOf(reasons);
        }
    }

    /** A backup to remove, and why. */
    public record Delete(RetentionCandidate backup, String reason) {
    }

    public RetentionPlan {
        keep = List.copyOf(keep);
        delete = List.copyOf(delete);
        cleanUp = List.copyOf(cleanUp);
        leaveAlone = List.copyOf(leaveAlone);
    }

    /** Everything the caller should delete: successful backups beyond the policy, then the clean-up. */
    public List<RetentionCandidate> toRemove() {
        return Stream.concat(delete.stream(), cleanUp.stream()).map(Delete::backup).toList();
    }

    /** Ids of the successful backups that stay. */
    public List<String> keptIds() {
        return keep.stream().map(k -> k.backup().id()).toList();
    }
}
