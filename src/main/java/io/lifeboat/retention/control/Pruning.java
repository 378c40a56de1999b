package io.lifeboat.retention.control;

import io.lifeboat.backups.control.BackupRemoval;
import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.destinations.control.Destination;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.retention.entity.RetentionCandidate;
import io.lifeboat.retention.entity.RetentionPlan;
import io.lifeboat.retention.entity.RetentionPolicy;
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
 * Applies a target's retention: plans over the catalog's backups and the destination's
 * incomplete folders (no manifest), then deletes what the plan says. Runs after every
 * successful backup; a dry run only returns the plan.
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

    public RetentionPlan plan(String targetName) {
        Target target = targets.require(targetName);
        var r = target.retention();
        var policy = new RetentionPolicy(r.keepLast(), r.keepDays(), r.keepDaily(), r.keepWeekly(), r.keepMonthly());
        List<RetentionCandidate> candidates = new ArrayList<>();
        for (Backup b : backups.forTarget(targetName)) {
            candidates.add(new RetentionCandidate(b.id(), b.startedAt().toInstant(), RetentionCandidate.Status.SUCCEEDED,
                    b.pinned()));
        }
        Set<String> listed = candidates.stream().map(RetentionCandidate::id).collect(Collectors.toSet());
        Set<String> running = runs.runningBackupIds(targetName);
        incompleteFolders(destinations.open(target.destination()), targetName).keySet().stream()
                .filter(id -> !listed.contains(id) && !running.contains(id))
                .forEach(id -> candidates.add(new RetentionCandidate(id, startedAt(id),
                        RetentionCandidate.Status.INCOMPLETE, false)));
        return planner.plan(policy, candidates, zone(targetName), Instant.now(), Duration.parse(incompleteGrace));
    }

    /** Deletes what the plan says; returns the plan that was applied. */
    public RetentionPlan prune(String targetName) {
        RetentionPlan plan = plan(targetName);
        Target target = targets.require(targetName);
        Destination destination = destinations.open(target.destination());
        Map<String, String> incomplete = incompleteFolders(destination, targetName);
        for (RetentionPlan.Delete delete : plan.delete()) {
            removal.delete(backups.require(delete.backup().id()));
        }
        for (RetentionPlan.Delete cleanUp : plan.cleanUp()) {
            String folder = incomplete.get(cleanUp.backup().id());
            if (folder != null) {
                BackupRemoval.removeFolder(destination, folder);
                LOG.info(() -> "Removed incomplete backup " + folder + " (" + cleanUp.reason() + ")");
            }
        }
        return plan;
    }

    void afterBackup(@Observes BackupRuns.BackupFinished finished) {
        if (!finished.succeeded()) {
            return;
        }
        try {
            RetentionPlan plan = prune(finished.target());
            if (!plan.toRemove().isEmpty()) {
                LOG.info(() -> "Retention of '" + finished.target() + "' removed " + plan.toRemove().size() + " backups");
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

    private static Instant startedAt(String backupId) {
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
