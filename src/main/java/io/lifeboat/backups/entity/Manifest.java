package io.lifeboat.backups.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * The self-describing record of one backup, written last, beside its artifacts. The catalog
 * can be rebuilt from manifests alone, and a person can restore from one with standard tools.
 *
 * @param formatVersion      version of this manifest layout (1)
 * @param id                 backup id, also the name of the backup's folder
 * @param target             name of the target in Lifeboat
 * @param database           database name on the server
 * @param databaseOid        the database's OID
 * @param systemIdentifier   the server's system identifier (pg_control_system())
 * @param serverVersion      server_version of the server dumped
 * @param pgDumpVersion      the version line of the pg_dump that made the dump
 * @param format             dump format
 * @param compression        e.g. "zstd-1" or "gzip-6"
 * @param encryption         recipient fingerprints; empty when not encrypted; never keys
 * @param artifacts          the files of this backup with size and SHA-256
 * @param tables             row counts per table, taken in the dump's own snapshot
 * @param schemaFingerprint  SHA-256 over the sorted list of tables and columns with their types
 * @param trigger            what started the backup
 * @param initiator          who started it (user or token name, or "scheduler")
 * @param startedAt          when the dump started
 * @param finishedAt         when the last artifact was complete
 */
@JsonbPropertyOrder({"formatVersion", "id", "target", "database", "databaseOid", "systemIdentifier", "serverVersion",
        "pgDumpVersion", "format", "compression", "encryption", "artifacts", "tables", "schemaFingerprint", "trigger",
        "initiator", "startedAt", "finishedAt"})
public record Manifest(
        int formatVersion,
        String id,
        String target,
        String database,
        long databaseOid,
        String systemIdentifier,
        String serverVersion,
        String pgDumpVersion,
        BackupFormat format,
        String compression,
        List<String> encryption,
        List<Artifact> artifacts,
        List<TableRows> tables,
        String schemaFingerprint,
        Trigger trigger,
        String initiator,
        Instant startedAt,
        Instant finishedAt) {

    public static final String FILE_NAME = "manifest.json";
    /** What an artifact encrypted with age has after its name: {@code dump.pgc.zst.age}. */
    public static final String ENCRYPTED_SUFFIX = ".age";

    /** One file of a backup. */
    public record Artifact(String name, long size, String sha256) {
    }

    /** Rows of one table at the moment of the dump's snapshot. */
    public record TableRows(String schema, String table, long rows) {
    }

    /** The dump artifact: {@code dump.pgc.zst} (or {@code dump.sql.gz}), with {@code .age} when encrypted. */
    public Artifact dump() {
        String name = format.artifactName() + (encrypted() ? ENCRYPTED_SUFFIX : "");
        return artifacts.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Manifest of " + id + " lists no " + name));
    }

    /** Whether the artifacts are encrypted with age (then {@link #encryption()} names the recipients). */
    public boolean encrypted() {
        return encryption != null && !encryption.isEmpty();
    }
}
