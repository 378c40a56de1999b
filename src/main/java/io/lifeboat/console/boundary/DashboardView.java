package io.lifeboat.console.boundary;

import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.backups.control.Backups;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.console.control.BackupChart;
import io.lifeboat.console.control.TargetOverview;
import io.lifeboat.console.control.TargetStatus;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The dashboard: every target, how fresh its backups are, "Back up now", and a chart of backups over time. */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final int CHART_BACKUPS = 60;

    @Inject
    transient TargetOverview overview;
    @Inject
    transient BackupRuns backupRuns;
    @Inject
    transient Backups backups;
    @Inject
    ConsoleUser user;
    @Inject
    Texts texts;
    @Inject
    ConsoleAudit audit;

    private transient List<TargetStatus> targets;

    public List<TargetStatus> getTargets() {
        if (targets == null) {
            targets = overview.all();
        }
        return targets;
    }

    public String getChart() {
        var all = getTargets().stream().flatMap(t -> backups.forTarget(t.name()).stream().limit(CHART_BACKUPS)).toList();
        return BackupChart.json(all, CHART_BACKUPS, texts.get("chart.size"), texts.get("chart.duration"));
    }

    /** Starts a backup of the target and opens its page, where its progress shows. */
    public String backUpNow(String target) {
        user.requireOperator();
        try {
            var started = backupRuns.start(target, Trigger.MANUAL, user.initiator());
            audit.success("backup.start", target, "console, run " + started.run().id());
            texts.info("backup.startedNow", target);
            jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            return "/target.xhtml?faces-redirect=true&name=" + target;
        } catch (RuntimeException e) {
            texts.error(null, e.getMessage());
            targets = null;
            return null;
        }
    }
}
