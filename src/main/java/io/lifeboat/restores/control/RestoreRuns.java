package io.lifeboat.restores.control;

import io.lifeboat.backups.control.BackupSettings;
import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.control.NoSuitableClientException;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.catalog.control.DataFolder;
import io.lifeboat.destinations.control.Destination;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.encryption.control.Identity;
import io.lifeboat.encryption.control.TargetEncryptions;
import io.lifeboat.api.Problem;
import io.lifeboat.runs.control.Instance;
import io.lifeboat.runs.control.Runs;
import io.lifeboat.runs.entity.Run;
import io.lifeboat.targets.control.Targets;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.targets.entity.Target;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * Restores a backup from the catalog into a new database on its target's server, as a run:
 * checksum first, then pg_restore, then row counts; a failed restore leaves no database behind.
 */
@ApplicationScoped
public class RestoreRuns {

    private static final Logger LOG = Logger.getLogger(RestoreRuns.class.getName());

    @Inject
    Backups backups;
    @Inject
    Targets targets;
    @Inject
    Destinations destinations;
    @Inject
    Runs runs;
    @Inject
    Instance instance;
    @Inject
    BackupSettings settings;
    @Inject
    TargetEncryptions encryptions;

    @Inject
    @ConfigProperty(name = "lifeboat.restores.jobs", defaultValue = "2")
    int jobs;

    @Inject
    @ConfigProperty(name = "lifeboat.restores.work-folder")
    Optional<String> workFolder;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private final java.util.Set<Long> active = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Tells the catalog that this instance's restores are alive. */
    public void heartbeat() {
        active.forEach(id -> runs.beat(id, 0, 0, null));
    }

    public record Started(Run run, CompletableFuture<RestoreReport> report) {
    }

    /**
     * Starts a restore.
     *
     * @param identities keys or a passphrase given with the request for an encrypted backup; when empty, the
     *                   target's configured identity is used
     */
    public Started start(String backupId, String newDatabase, String initiator, List<Identity> identities) {
        if (newDatabase == null || newDatabase.isBlank()) {
            throw Problem.badRequest("Name the new database to restore into (\"database\"): Lifeboat never restores "
                    + "over an existing database.");
        }
        Backup backup = backups.require(backupId);
        Target target = targets.require(backup.target());
        DatabaseLogin login = targets.login(target);
        Manifest manifest = Backups.manifest(backup);
        Destination destination = destinations.open(backup.destination());
        String key = backup.folder() + manifest.dump().name();
        RestoreRequest request = RestoreRequest.of(manifest, () -> destination.open(key), login, newDatabase.strip(),
                        workFolder.map(Path::of).orElse(DataFolder.resolve("work")))
                .withJobs(jobs).withToolsBin(toolsFor(manifest)).withIdentities(keysFor(manifest, identities));
        Run run = runs.openRestore(target.name(), initiator, instance.id(), backupId, newDatabase.strip());
        List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        active.add(run.id());
        LOG.info(() -> "Restore run " + run.id() + ": backup " + backupId + " into new database " + newDatabase);
        return new Started(run, CompletableFuture.supplyAsync(() -> execute(run.id(), request, log), executor));
    }

    private RestoreReport execute(long runId, RestoreRequest request, List<String> log) {
        try {
            java.nio.file.Files.createDirectories(request.workFolder());
            RestoreReport report = new Restore().restore(request, line -> {
                log.add(line);
                if (log.size() > 500) {
                    log.remove(0);
                }
            });
            try (Jsonb jsonb = JsonbBuilder.create()) {
                runs.succeed(runId, "Restored backup " + request.manifest().id() + " into " + report.database() + ": "
                        + report.tables().size() + " tables, row counts match the manifest", jsonb.toJson(report));
            }
            return report;
        } catch (RestoreFailedException e) {
            runs.fail(runId, e.getMessage(), String.join("\n", log));
            throw new CompletionException(e);
        } catch (Exception e) {
            String reason = "Unexpected error: " + e + ". The new database was not kept.";
            runs.fail(runId, reason, String.join("\n", log));
            throw new CompletionException(new RestoreFailedException(reason, e));
        } finally {
            active.remove(runId);
        }
    }

    private List<Identity> keysFor(Manifest manifest, List<Identity> given) {
        if (!manifest.encrypted()) {
            return List.of();
        }
        List<Identity> keys = given.isEmpty() ? encryptions.identities(manifest.target()) : given;
        if (keys.isEmpty()) {
            throw Problem.badRequest(Restore.needsKey(manifest) + ".");
        }
        return keys;
    }

    private Path toolsFor(Manifest manifest) {
        int major = Integer.parseInt(manifest.serverVersion().split("[^0-9]")[0]);
        try {
            return settings.tools().forServer(major).bin();
        } catch (NoSuitableClientException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }
}
