package io.lifeboat.restores.control;

import io.lifeboat.backups.control.PgClient;
import io.lifeboat.backups.control.PgClientTools;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.encryption.control.Identity;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to restore and where.
 *
 * @param manifest    the backup's manifest: expected size and SHA-256 of the dump, row counts per table
 * @param artifact    the dump artifact's bytes as stored (compressed)
 * @param server      a login with CREATEDB on the server to restore to; its database is the maintenance
 *                    database to connect to (e.g. postgres)
 * @param newDatabase the name of the database to create; it must not exist
 * @param jobs        data streams and pg_restore jobs loading side by side (custom format only)
 * @param workFolder  where the artifact is kept, still compressed, while the restore reads it
 * @param toolsBin    the folder holding pg_restore and psql
 * @param timeout     the longest pg_restore or psql may run before the restore is failed
 * @param identities  age private keys or a passphrase that decrypt an encrypted backup; never logged
 */
public record RestoreRequest(Manifest manifest, ArtifactSource artifact, DatabaseLogin server, String newDatabase,
                             int jobs, Path workFolder, Path toolsBin, Duration timeout, List<Identity> identities) {

    public static final int DEFAULT_JOBS = 2;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(12);

    public RestoreRequest {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(workFolder, "workFolder");
        Objects.requireNonNull(toolsBin, "toolsBin");
        Objects.requireNonNull(timeout, "timeout");
        identities = List.copyOf(identities);
        if (jobs < 1 || jobs > 64) {
            throw new IllegalArgumentException("jobs must be between 1 and 64, not " + jobs);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /** A request with {@value #DEFAULT_JOBS} jobs, the newest installed client tools and the default timeout. */
    public static RestoreRequest of(Manifest manifest, ArtifactSource artifact, DatabaseLogin server,
                                    String newDatabase, Path workFolder) {
        return new RestoreRequest(manifest, artifact, server, newDatabase, DEFAULT_JOBS, workFolder,
                newestClientTools(), DEFAULT_TIMEOUT, List.of());
    }

    public RestoreRequest withJobs(int otherJobs) {
        return new RestoreRequest(manifest, artifact, server, newDatabase, otherJobs, workFolder, toolsBin, timeout, identities);
    }

    public RestoreRequest withToolsBin(Path otherToolsBin) {
        return new RestoreRequest(manifest, artifact, server, newDatabase, jobs, workFolder, otherToolsBin, timeout, identities);
    }

    public RestoreRequest withTimeout(Duration otherTimeout) {
        return new RestoreRequest(manifest, artifact, server, newDatabase, jobs, workFolder, toolsBin, otherTimeout, identities);
    }

    /** The same request, decrypting an encrypted backup with these keys or this passphrase. */
    public RestoreRequest withIdentities(List<? extends Identity> keys) {
        return new RestoreRequest(manifest, artifact, server, newDatabase, jobs, workFolder, toolsBin, timeout,
                List.copyOf(keys));
    }

    private static Path newestClientTools() {
        return PgClientTools.withDefaults(List.of()).newest().map(PgClient::bin)
                .orElseThrow(() -> new RestoreFailedException("pg_restore and psql were not found in the usual "
                        + "folders nor on the PATH: install the postgresql-client package matching the servers you "
                        + "restore to"));
    }
}
