package io.lifeboat.runs.boundary;

import io.lifeboat.runs.entity.Run;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** A run with its progress: live figures when it runs on this instance, else the last heartbeat's. */
public record RunJson(long id, Run.Kind kind, String target, Run.Status status, String trigger, String initiator,
                      String instance, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                      OffsetDateTime heartbeatAt, String backupId, String restoreDatabase, Progress progress,
                      String message, List<String> log) {

    /** Bytes read from PostgreSQL, bytes written to the destination, rate and elapsed seconds. */
    public record Progress(String phase, long bytesRead, long bytesWritten, double bytesPerSecond,
                           double elapsedSeconds) {
    }

    public static RunJson of(Run r, Progress live, List<String> liveLog) {
        OffsetDateTime end = r.finishedAt() != null ? r.finishedAt() : OffsetDateTime.now();
        double elapsed = Duration.between(r.startedAt(), end).toMillis() / 1000.0;
        Progress progress = live != null ? live : new Progress(r.status().name(), r.bytesRead(), r.bytesWritten(),
                elapsed > 0 ? r.bytesRead() / elapsed : 0, elapsed);
        List<String> log = liveLog != null ? liveLog
                : r.log() == null || r.log().isBlank() ? List.of() : List.of(r.log().split("\n"));
        return new RunJson(r.id(), r.kind(), r.target(), r.status(), r.trigger(), r.initiator(), r.instance(),
                r.startedAt(), r.finishedAt(), r.heartbeatAt(), r.backupId(), r.restoreDatabase(), progress,
                r.message(), log);
    }
}
