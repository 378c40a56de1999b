package io.lifeboat.retention.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * One backup of a target as retention sees it.
 *
 * @param id        backup id
 * @param startedAt when the dump started; all time rules use it
 * @param status    only {@link Status#SUCCEEDED} backups count as kept backups
 * @param pinned    a pinned backup is never deleted, whatever the policy says
 */
public record RetentionCandidate(String id, Instant startedAt, Status status, boolean pinned) {

    /** How a backup ended. */
    public enum Status {
        /** Complete, with its manifest. */
        SUCCEEDED,
        /** The run failed; whatever it left behind is garbage. */
        FAILED,
        /** No manifest (yet): still running, or abandoned by a crash. */
        INCOMPLETE
    }

    public RetentionCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
