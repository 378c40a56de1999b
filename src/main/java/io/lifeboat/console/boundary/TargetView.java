package io.lifeboat.console.boundary;

import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.console.control.BackupChart;
import io.lifeboat.console.control.TargetOverview;
import io.lifeboat.console.control.TargetStatus;
import io.lifeboat.runs.control.Runs;
import io.lifeboat.runs.entity.Run;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One target: its backups (paged, filterable) with their manifests, its latest run with live
 * progress while it runs, and the way to start a backup or a restore.
 */
@Named
@ViewScoped
public class TargetView implements Serializable {

    @Inject
    transient TargetOverview overview;
    @Inject
    transient Backups backups;
    @Inject
    transient BackupRuns backupRuns;
    @Inject
    transient Runs runs;
    @Inject
    ConsoleUser user;
    @Inject
    Texts texts;
    @Inject
    ConsoleAudit audit;

    private String name;
    private String selectedId;
    private transient TargetStatus status;
    private transient List<Backup> list;
    private transient Run lastRun;

    /** Checks the target exists (404 otherwise) when the page opens. */
    public void load() {
        if (name == null || name.isBlank()) {
            throw io.lifeboat.api.Problem.notFound("Target", "");
        }
        status = overview.of(name);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TargetStatus getStatus() {
        if (status == null) {
            status = overview.of(name);
        }
        return status;
    }

    public List<Backup> getBackups() {
        if (list == null) {
            list = backups.forTarget(name);
        }
        return list;
    }

    public String getChart() {
        return BackupChart.json(getBackups(), 60, texts.get("chart.size"), texts.get("chart.duration"));
    }

    /** The newest run of the target, of any kind. */
    public Run getLastRun() {
        if (lastRun == null) {
            lastRun = runs.recent(name, 1).stream().findFirst().orElse(null);
        }
        return lastRun;
    }

    public boolean isRunning() {
        return getLastRun() != null && getLastRun().status() == Run.Status.RUNNING;
    }

    public long getBytesRead() {
        Run run = getLastRun();
        return run == null ? 0 : backupRuns.progress(run.id()).map(p -> p.bytesRead()).orElse(run.bytesRead());
    }

    public long getBytesWritten() {
        Run run = getLastRun();
        return run == null ? 0 : backupRuns.progress(run.id()).map(p -> p.bytesWritten()).orElse(run.bytesWritten());
    }

    public double getRate() {
        Run run = getLastRun();
        if (run == null) {
            return 0;
        }
        return backupRuns.progress(run.id()).map(p -> p.bytesPerSecond()).orElseGet(() -> {
            OffsetDateTime end = run.finishedAt() == null ? OffsetDateTime.now() : run.finishedAt();
            double seconds = Duration.between(run.startedAt(), end).toMillis() / 1000.0;
            return seconds <= 0 ? 0 : run.bytesRead() / seconds;
        });
    }

    public String getPhase() {
        Run run = getLastRun();
        return run == null ? "" : backupRuns.progress(run.id()).map(p -> p.phase().name()).orElse("");
    }

    public String getLogTail() {
        Run run = getLastRun();
        if (run == null) {
            return "";
        }
        List<String> lines = backupRuns.progress(run.id()).map(p -> p.log())
                .orElseGet(() -> run.log() == null ? List.of() : List.of(run.log().split("\n")));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** Called by the poll: forgets what it read, so the next render shows the current state. */
    public void refresh() {
        lastRun = null;
        list = null;
        status = null;
    }

    public void backUpNow() {
        user.requireOperator();
        try {
            var started = backupRuns.start(name, Trigger.MANUAL, user.initiator());
            audit.success("backup.start", name, "console, run " + started.run().id());
            texts.info("backup.startedNow", name);
        } catch (RuntimeException e) {
            texts.error(null, e.getMessage());
        }
        refresh();
    }

    public String getSelectedId() {
        return selectedId;
    }

    public void select(String backupId) {
        this.selectedId = backupId;
    }

    public Optional<Manifest> manifest() {
        return Optional.ofNullable(selectedId).map(id -> Backups.manifest(backups.require(id)));
    }

    public Manifest getManifest() {
        return manifest().orElse(null);
    }

    public Duration durationOf(Backup backup) {
        return Duration.between(backup.startedAt(), backup.finishedAt());
    }
}
