package io.lifeboat.retention.control;

import io.lifeboat.backups.control.BackupRemoval;
import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.destinations.control.Destination;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.retention.entity.DestinationPlan;
import io.lifeboat.retention.entity.RetentionPlan;
import io.lifeboat.runs.control.Runs;
import io.lifeboat.schedules.control.Schedules;
import io.lifeboat.targets.control.Targets;
import io.lifeboat.targets.entity.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Applies a target's retention in each of its destinations: plans over the copies the catalog lists there and
 * the destination's incomplete folders (no manifest), then deletes what each plan says. A backup is forgotten
 * when no copy of it is left. Runs after every successful backup; a dry run only returns the plans.
 */
@ApplicationScoped
public class Pruning {

    private static final Logger LOG = Logger.getLogger(Pruning.class.getName());
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    Targets targets;
    @Inject
    Backups backups;
    @Inject
    BackupRemoval removal;
    @Inject
    Destinations destinations;
    @Inject
    Schedules schedules;
    @Inject
    Runs runs;
    @Inject
    RetentionPlanner planner;

    @Inject
    @ConfigProperty(name = "lifeboat.retention.incomplete-grace", defaultValue = "PT1H")
    String incompleteGrace;

    /** The plan of each destination of the target, in the target's order; nothing is deleted. */
    public List<DestinationPlan> plan(String targetName) {
        Target target = targets.require(targetName);
        return plan(target, incompleteFolders(target));
    }

    private List<DestinationPlan> plan(Target target, Map<String, Map<String, String>> incomplete) {
        List<CopyRetention.Listed> listed = backups.forTarget(target.name()).stream()
                .map(b -> new CopyRetention.Listed(b.id(), b.startedAt().toInstant(), b.pinned(), b.copies()))
                .toList();
        Set<String> running = runs.runningBackupIds(target.name());
        Map<String, Set<String>> incompleteIds = new TreeMap<>();
        incomplete.forEach((destination, folders) -> incompleteIds.put(destination, folders.keySet().stream()
                .filter(id -> !running.contains(id)).collect(Collectors.toSet())));
        return new CopyRetention(planner).plan(target.destinations(), target.retention(), listed, incompleteIds,
                zone(target.name()), Instant.now(), Duration.parse(incompleteGrace));
    }

    /** Deletes what each destination's plan says; returns the plans that were applied. */
    public List<DestinationPlan> prune(String targetName) {
        Target target = targets.require(targetName);
        Map<String, Map<String, String>> incomplete = incompleteFolders(target);
        List<DestinationPlan> plans = plan(target, incomplete);
        for (DestinationPlan plan : plans) {
            if (!incomplete.containsKey(plan.destination())) {
                LOG.warning(() -> "Retention of '" + targetName + "' skipped the destination '" + plan.destination()
                        + "': it could not be listed; nothing was deleted there");
                continue;
            }
            Destination destination = destinations.open(plan.destination());
            for (RetentionPlan.Delete delete : plan.plan().delete()) {
                backups.find(delete.backup().id()).ifPresent(backup ->
                        removal.deleteCopy(backup, plan.destination(), delete.reason()));
            }
            for (RetentionPlan.Delete cleanUp : plan.plan().cleanUp()) {
                String folder = incomplete.get(plan.destination()).get(cleanUp.backup().id());
                if (folder == null) { // a failed copy: what its upload may have left
                    folder = backups.find(cleanUp.backup().id()).map(b -> b.folder()).orElse(null);
                }
                if (folder != null) {
                    BackupRemoval.removeFolder(destination, folder);
                    String removed = folder;
                    LOG.info(() -> "Removed incomplete backup " + removed + " from '" + plan.destination() + "' ("
                            + cleanUp.reason() + ")");
                }
            }
        }
        return plans;
    }

    /**
     * Per destination of the target: its backup folders without a manifest (id → folder). A destination that cannot
     * be listed now (an offsite server that is down) is left out, and logged, so the others are still pruned.
     */
    private Map<String, Map<String, String>> incompleteFolders(Target target) {
        Map<String, Map<String, String>> byDestination = new TreeMap<>();
        for (String name : target.destinationNames()) {
            try {
                byDestination.put(name, incompleteFolders(destinations.open(name), target.name()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot list the destination '" + name + "' of '" + target.name() + "'", e);
            }
        }
        return byDestination;
    }

    void afterBackup(@Observes BackupRuns.BackupFinished finished) {
        if (!finished.succeeded()) {
            return;
        }
        try {
            for (DestinationPlan plan : prune(finished.target())) {
                if (!plan.plan().toRemove().isEmpty()) {
                    LOG.info(() -> "Retention of '" + finished.target() + "' removed " + plan.plan().toRemove().size()
                            + " copies from '" + plan.destination() + "'");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention of '" + finished.target() + "' failed; nothing more was deleted", e);
        }
    }

    /** Backup folders of the target (id → folder) that hold files but no manifest. */
    static Map<String, String> incompleteFolders(Destination destination, String target) {
        try {
            Map<String, List<String>> byFolder = destination.list(target + "/").stream()
                    .collect(Collectors.groupingBy(k -> k.substring(0, k.lastIndexOf('/') + 1), TreeMap::new,
                            Collectors.toList()));
            Map<String, String> incomplete = new TreeMap<>();
            byFolder.forEach((folder, keys) -> {
                if (keys.stream().noneMatch(k -> k.endsWith("/" + Manifest.FILE_NAME))) {
                    String id = folder.substring(0, folder.length() - 1);
                    incomplete.put(id.substring(id.lastIndexOf('/') + 1), folder);
                }
            });
            return incomplete;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + destination.describe() + ": " + e.getMessage(), e);
        }
    }

    static Instant startedAt(String backupId) {
        try {
            return Instant.from(ID_TIME.parse(backupId.substring(0, Math.min(16, backupId.length()))));
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return Instant.EPOCH;
        }
    }

    private ZoneId zone(String target) {
        return schedules.forTarget(target).stream().findFirst().map(s -> ZoneId.of(s.zone())).orElse(ZoneOffset.UTC);
    }
}
