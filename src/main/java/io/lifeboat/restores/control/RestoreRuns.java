package io.lifeboat.restores.control;

import io.lifeboat.backups.control.BackupSettings;
import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.control.NoSuitableClientException;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.BackupCopy;
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

import jakarta.ws.rs.core.Response;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private final Map<Long, List<String>> active = new java.util.concurrent.ConcurrentHashMap<>();

    /** Tells the catalog that this instance's restores are alive, with their log so far. */
    public void heartbeat() {
        active.forEach((id, log) -> runs.beat(id, 0, 0, joined(log)));
    }

    private static String joined(List<String> log) {
        synchronized (log) {
            return String.join("\n", log);
        }
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
        DatabaseName name = validName(newDatabase.strip());
        Backup backup = backups.require(backupId);
        Target target = targets.require(backup.target());
        DatabaseLogin login = targets.login(target);
        refuseExisting(login, name);
        Manifest manifest = Backups.manifest(backup);
        String key = backup.folder() + manifest.dump().name();
        List<ArtifactCopies.Copy> copies = new java.util.ArrayList<>();
        for (BackupCopy copy : backup.completeCopies()) {
            Destination destination = destinations.open(copy.destination());
            copies.add(new ArtifactCopies.Copy("'" + copy.destination() + "' (" + destination.describe() + ")",
                    () -> destination.open(key)));
        }
        RestoreRequest request = RestoreRequest.of(manifest, new ArtifactCopies(copies), login, name.value(),
                        workFolder.map(Path::of).orElse(DataFolder.resolve("work")))
                .withJobs(jobs).withToolsBin(toolsFor(manifest)).withIdentities(keysFor(manifest, identities));
        Run run = runs.openRestore(target.name(), initiator, instance.id(), backupId, name.value());
        List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        active.put(run.id(), log);
        LOG.info(() -> "Restore run " + run.id() + ": backup " + backupId + " into new database " + newDatabase);
        return new Started(run, CompletableFuture.supplyAsync(() -> execute(run.id(), request, log), executor));
    }

    private static DatabaseName validName(String newDatabase) {
        try {
            return new DatabaseName(newDatabase);
        } catch (RestoreFailedException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    /** Refuses, before any run starts, a name that a database on the target's server already has. */
    private static void refuseExisting(DatabaseLogin login, DatabaseName name) {
        var databases = new ServerDatabases(login);
        boolean exists;
        try {
            exists = databases.exists(name);
        } catch (RestoreFailedException e) {
            throw new Problem(Response.Status.BAD_GATEWAY, "Target server unreachable", e.getMessage());
        }
        if (exists) {
            throw Problem.conflict("Database exists", databases.alreadyExists(name).getMessage(),
                    Map.of("database", name.value()));
        }
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
            runs.beat(runId, report.bytesRead(), 0, joined(log));
            try (Jsonb jsonb = JsonbBuilder.create()) {
                runs.succeed(runId, "Restored backup " + request.manifest().id() + " into " + report.database() + ": "
                        + report.tables().size() + " tables, row counts match the manifest", jsonb.toJson(report));
            }
            return report;
        } catch (RestoreFailedException e) {
            runs.fail(runId, e.getMessage(), joined(log));
            throw new CompletionException(e);
        } catch (Exception e) {
            String reason = "Unexpected error: " + e + ". The new database was not kept.";
            runs.fail(runId, reason, joined(log));
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
