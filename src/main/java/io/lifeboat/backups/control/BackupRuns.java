package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.destinations.control.NamedDestination;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.encryption.control.Recipient;
import io.lifeboat.encryption.control.TargetEncryptions;
import io.lifeboat.runs.control.Instance;
import io.lifeboat.runs.control.Runs;
import io.lifeboat.runs.entity.Run;
import io.lifeboat.targets.control.Targets;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.targets.entity.Target;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts backups: records the run (refused when one is running), streams the dump on the managed
 * executor outside any transaction, then lists the backup or records why it failed.
 */
@ApplicationScoped
public class BackupRuns {

    private static final Logger LOG = Logger.getLogger(BackupRuns.class.getName());

    @Inject
    Targets targets;
    @Inject
    Destinations destinations;
    @Inject
    Runs runs;
    @Inject
    Backups backups;
    @Inject
    Instance instance;
    @Inject
    BackupSettings settings;
    @Inject
    TargetEncryptions encryptions;
    @Inject
    Event<BackupFinished> finished;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private final Map<Long, DumpProgress> active = new ConcurrentHashMap<>();

    /** A backup that has started: its run, and the backup once it is complete. */
    public record Started(Run run, CompletableFuture<Backup> backup) {
    }

    /** Fired after every backup run, successful or not. */
    public record BackupFinished(String target, long runId, boolean succeeded) {
    }

    public Started start(String targetName, Trigger trigger, String initiator) {
        Target target = targets.require(targetName);
        DatabaseLogin login = targets.login(target);
        List<NamedDestination> copies = target.destinationNames().stream()
                .map(name -> new NamedDestination(name, destinations.open(name))).toList();
        List<Recipient> recipients = encryptions.recipients(targetName);
        Instant now = Instant.now();
        String backupId = BackupKeys.newBackupId(now);
        String folder = new BackupKeys(targetName, backupId, now).folder();
        DumpRequest request = settings.apply(DumpRequest.of(backupId, targetName, login, target.format(), trigger,
                initiator));
        Run run = runs.openBackup(targetName, trigger.name(), initiator, instance.id(), backupId, folder);
        DumpProgress progress = new DumpProgress();
        active.put(run.id(), progress);
        LOG.info(() -> "Backup run " + run.id() + " of '" + targetName + "' started (" + trigger + ", " + initiator + ")");
        try {
            CompletableFuture<Backup> done = CompletableFuture.supplyAsync(
                    () -> execute(run.id(), request, recipients, copies, progress), executor);
            return new Started(run, done);
        } catch (RuntimeException e) {
            active.remove(run.id());
            runs.fail(run.id(), "The backup could not be started: " + e.getMessage(), null);
            throw e;
        }
    }

    private Backup execute(long runId, DumpRequest request, List<Recipient> recipients,
                           List<NamedDestination> copies, DumpProgress progress) {
        try {
            DumpResult result = new Dump(settings.tools()).encryptedFor(recipients).run(request, copies, progress);
            Manifest manifest = result.manifest();
            String folder = new BackupKeys(manifest.target(), manifest.id(), manifest.startedAt()).folder();
            runs.beat(runId, progress.bytesRead(), progress.bytesWritten(), logText(progress));
            Backup backup = backups.recordSuccess(runId, result, folder);
            if (!result.warning().isEmpty()) {
                LOG.warning(() -> "Backup run " + runId + " of '" + request.target() + "': " + result.warning());
            }
            LOG.info(() -> "Backup run " + runId + " complete: " + manifest.id());
            finished.fire(new BackupFinished(request.target(), runId, true));
            return backup;
        } catch (BackupFailedException | RuntimeException e) {
            if (!(e instanceof BackupFailedException)) {
                LOG.log(Level.SEVERE, "Backup run " + runId + " failed unexpectedly", e);
            }
            String reason = e instanceof BackupFailedException ? e.getMessage()
                    : "Unexpected error: " + e + ". Nothing of this backup was kept; the server log has details.";
            runs.fail(runId, reason, logText(progress));
            LOG.warning(() -> "Backup run " + runId + " of '" + request.target() + "' failed: " + reason);
            finished.fire(new BackupFinished(request.target(), runId, false));
            throw new CompletionException(new BackupFailedException(reason));
        } finally {
            active.remove(runId);
        }
    }

    public Optional<DumpProgress> progress(long runId) {
        return Optional.ofNullable(active.get(runId));
    }

    /** Records the progress of this instance's running backups, so every instance can show it. */
    public void heartbeat() {
        active.forEach((id, progress) -> runs.beat(id, progress.bytesRead(), progress.bytesWritten(), logText(progress)));
    }

    private static String logText(DumpProgress progress) {
        return String.join("\n", progress.log());
    }
}
