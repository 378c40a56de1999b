package io.lifeboat.backups.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A complete backup in a destination, as listed in the catalog; its manifest is kept beside it. */
@Entity
@Table(name = "backups")
public class Backup {

    @Id
    private String id;
    @Column(nullable = false)
    private String target;
    @Column(nullable = false)
    private String destination;
    @Column(nullable = false)
    private String folder;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BackupFormat format;
    @Column(name = "size_bytes")
    private long sizeBytes;
    @Column(nullable = false)
    private String sha256;
    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;
    @Column(name = "finished_at", nullable = false)
    private OffsetDateTime finishedAt;
    private boolean pinned;
    @Column(nullable = false)
    private String trigger;
    @Column(nullable = false)
    private String initiator;
    @Column(name = "run_id")
    private Long runId;
    @Column(nullable = false)
    private String manifest;

    protected Backup() {
    }

    public Backup(Manifest m, String destination, String folder, Long runId, String manifestJson) {
        this.id = m.id();
        this.target = m.target();
        this.destination = destination;
        this.folder = folder;
        this.format = m.format();
        this.sizeBytes = m.dump().size();
        this.sha256 = m.dump().sha256();
        this.startedAt = m.startedAt().atOffset(ZoneOffset.UTC);
        this.finishedAt = m.finishedAt().atOffset(ZoneOffset.UTC);
        this.trigger = m.trigger().name();
        this.initiator = m.initiator();
        this.runId = runId;
        this.manifest = manifestJson;
    }

    public void pin(boolean keep) {
        this.pinned = keep;
    }

    public String id() { return id; }
    public String target() { return target; }
    public String destination() { return destination; }
    public String folder() { return folder; }
    public BackupFormat format() { return format; }
    public long sizeBytes() { return sizeBytes; }
    public String sha256() { return sha256; }
    public OffsetDateTime startedAt() { return startedAt; }
    public OffsetDateTime finishedAt() { return finishedAt; }
    public boolean pinned() { return pinned; }
    public String trigger() { return trigger; }
    public String initiator() { return initiator; }
    public Long runId() { return runId; }
    public String manifest() { return manifest; }
}
