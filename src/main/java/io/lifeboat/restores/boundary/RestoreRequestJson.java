package io.lifeboat.restores.boundary;

/** Restore this backup into a new database of this name on the backup's target server. */
public record RestoreRequestJson(String backupId, String database) {
}
