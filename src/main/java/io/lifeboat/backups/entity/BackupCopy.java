package io.lifeboat.backups.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A backup's copy in one destination, and what became of it. */
@Embeddable
public class BackupCopy {

    @Column(nullable = false)
    private String destination;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CopyStatus status;
    private String reason;

    protected BackupCopy() {
    }

    public BackupCopy(String destination, CopyStatus status, String reason) {
        this.destination = destination;
        this.status = status;
        this.reason = reason == null || reason.isBlank() ? null : reason;
    }

    public String destination() { return destination; }
    public CopyStatus status() { return status; }
    /** Why a copy failed or was swept; empty for a complete one. */
    public String reason() { return reason == null ? "" : reason; }

    public boolean complete() {
        return status == CopyStatus.COMPLETE;
    }
}
