package io.lifeboat.backups.entity;

/** What became of a backup's copy in one destination. */
public enum CopyStatus {
    /** Artifact and manifest are there: this copy can be restored. */
    COMPLETE,
    /** Writing it failed; nothing of it was kept there. */
    FAILED,
    /** Retention removed it from that destination. */
    SWEPT
}
