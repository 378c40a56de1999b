package io.lifeboat.backups.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A complete backup, as listed in the catalog, with its copy in each destination; its manifest is kept beside it. */
@Entity
@Table(name = "backups")
public class Backup {

    @Id
    private String id;
    @Column(nullable = false)
    private String target;
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
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "backup_copies", joinColumns = @JoinColumn(name = "backup"))
    @OrderColumn(name = "position")
    private List<BackupCopy> copies = new ArrayList<>();

    protected Backup() {
    }

    public Backup(Manifest m, List<BackupCopy> copies, String folder, Long runId, String manifestJson) {
        this.id = m.id();
        this.target = m.target();
        this.copies = new ArrayList<>(copies);
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

    /** Retention removed the copy in {@code destination}; the backup stays while another copy is complete. */
    public void sweep(String destination, String reason) {
        for (int i = 0; i < copies.size(); i++) {
            if (copies.get(i).destination().equals(destination)) {
                copies.set(i, new BackupCopy(destination, CopyStatus.SWEPT, reason));
            }
        }
    }

    /** The copies in the target's order of destinations, whatever their status. */
    public List<BackupCopy> copies() {
        return List.copyOf(copies);
    }

    /** The copies that can be restored, first one first. */
    public List<BackupCopy> completeCopies() {
        return copies.stream().filter(BackupCopy::complete).toList();
    }

    public Optional<BackupCopy> copyIn(String destination) {
        return copies.stream().filter(c -> c.destination().equals(destination)).findFirst();
    }

    public String id() { return id; }
    public String target() { return target; }
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
