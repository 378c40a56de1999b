package io.lifeboat.runs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One execution of a backup or restore: who started it, where it runs, how far it got, how it ended. */
@Entity
@Table(name = "runs")
public class Run {

    public enum Kind { BACKUP, RESTORE, PRUNE }

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    private static final int LOG_LIMIT = 64 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;
    @Column(nullable = false)
    private String target;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;
    @Column(nullable = false)
    private String trigger;
    @Column(nullable = false)
    private String initiator;
    @Column(nullable = false)
    private String instance;
    @Column(name = "heartbeat_at", nullable = false)
    private OffsetDateTime heartbeatAt;
    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;
    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;
    @Column(name = "backup_id")
    private String backupId;
    private String folder;
    @Column(name = "restore_database")
    private String restoreDatabase;
    @Column(name = "bytes_read")
    private long bytesRead;
    @Column(name = "bytes_written")
    private long bytesWritten;
    private String message;
    private String log;
    private String report;

    protected Run() {
    }

    private Run(Kind kind, String target, String trigger, String initiator, String instance) {
        this.kind = kind;
        this.target = target;
        this.trigger = trigger;
        this.initiator = initiator;
        this.instance = instance;
        this.status = Status.RUNNING;
        this.startedAt = OffsetDateTime.now();
        this.heartbeatAt = startedAt;
    }

    public static Run backup(String target, String trigger, String initiator, String instance, String backupId,
                             String folder) {
        Run run = new Run(Kind.BACKUP, target, trigger, initiator, instance);
        run.backupId = backupId;
        run.folder = folder;
        return run;
    }

    public static Run restore(String target, String initiator, String instance, String backupId, String database) {
        Run run = new Run(Kind.RESTORE, target, "MANUAL", initiator, instance);
        run.backupId = backupId;
        run.restoreDatabase = database;
        return run;
    }

    public void beat(long read, long written, String logTail) {
        this.heartbeatAt = OffsetDateTime.now();
        this.bytesRead = read;
        this.bytesWritten = written;
        this.log = bounded(logTail);
    }

    public void succeed(String summary, String reportJson) {
        finish(Status.SUCCEEDED, summary);
        this.report = reportJson;
    }

    public void fail(String reason) {
        finish(Status.FAILED, reason);
    }

    private void finish(Status end, String text) {
        if (status != Status.RUNNING) {
            throw new IllegalStateException("Run " + id + " has already ended as " + status);
        }
        this.status = end;
        this.message = text;
        this.finishedAt = OffsetDateTime.now();
        this.heartbeatAt = finishedAt;
    }

    private static String bounded(String text) {
        if (text == null || text.length() <= LOG_LIMIT) {
            return text;
        }
        return text.substring(text.length() - LOG_LIMIT);
    }

    public Long id() { return id; }
    public Kind kind() { return kind; }
    public String target() { return target; }
    public Status status() { return status; }
    public String trigger() { return trigger; }
    public String initiator() { return initiator; }
    public String instance() { return instance; }
    public OffsetDateTime heartbeatAt() { return heartbeatAt; }
    public OffsetDateTime startedAt() { return startedAt; }
    public OffsetDateTime finishedAt() { return finishedAt; }
    public String backupId() { return backupId; }
    public String folder() { return folder; }
    public String restoreDatabase() { return restoreDatabase; }
    public long bytesRead() { return bytesRead; }
    public long bytesWritten() { return bytesWritten; }
    public String message() { return message; }
    public String log() { return log; }
    public String report() { return report; }
}
