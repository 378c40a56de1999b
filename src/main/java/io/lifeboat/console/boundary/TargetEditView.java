package io.lifeboat.console.boundary;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.retention.control.Pruning;
import io.lifeboat.retention.entity.DestinationPlan;
import io.lifeboat.schedules.control.Schedules;
import io.lifeboat.targets.boundary.DefaultDestination;
import io.lifeboat.targets.boundary.TargetRequest;
import io.lifeboat.targets.control.ConnectionCheck;
import io.lifeboat.targets.control.Targets;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.targets.entity.Target;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Creates or edits a target (admins): connection with "test connection", schedule with a preview of
 * its next five runs, retention with a dry run of what it would delete now.
 */
@Named
@ViewScoped
public class TargetEditView implements Serializable {

    @Inject
    transient Targets targets;
    @Inject
    transient Schedules schedules;
    @Inject
    transient ConnectionCheck connectionCheck;
    @Inject
    transient Pruning pruning;
    @Inject
    transient DefaultDestination defaultDestination;
    @Inject
    ConsoleUser user;
    @Inject
    Texts texts;

    private String name;
    private boolean existing;
    private String host = "127.0.0.1";
    private Integer port = 5432;
    private String database;
    private String username;
    private String password;
    private BackupFormat format = BackupFormat.CUSTOM_ZSTD;
    private String cron = "0 2 * * *";
    private String zone = "UTC";
    private Target.Retention retention = Target.Retention.DEFAULT;
    private int keepLast = retention.keepLast();
    private int keepDays = retention.keepDays();
    private int keepDaily = retention.keepDaily();
    private int keepWeekly = retention.keepWeekly();
    private int keepMonthly = retention.keepMonthly();
    private transient List<DestinationPlan> plans;

    public void open() {
        user.requireAdmin();
        if (name == null || name.isBlank()) {
            return;
        }
        Target target = targets.require(name);
        existing = true;
        var c = target.connection();
        host = c.host();
        port = c.port();
        database = c.database();
        username = c.user();
        format = target.format();
        var r = target.retention();
        keepLast = r.keepLast();
        keepDays = r.keepDays();
        keepDaily = r.keepDaily();
        keepWeekly = r.keepWeekly();
        keepMonthly = r.keepMonthly();
        schedules.forTarget(name).stream().findFirst().ifPresentOrElse(s -> {
            cron = s.cron();
            zone = s.zone();
        }, () -> cron = "");
    }

    public String save() {
        user.requireAdmin();
        var request = new TargetRequest(name, host, port, database, username, blankToNull(password), null, format,
                new TargetRequest.ScheduleRequest(cron == null ? "" : cron, zone),
                new Target.Retention(keepLast, keepDays, keepDaily, keepWeekly, keepMonthly), null, null, null);
        try {
            if (existing) {
                targets.update(name, request);
            } else {
                targets.create(request, defaultDestination.name());
            }
        } catch (RuntimeException e) {
            texts.error(null, e.getMessage());
            return null;
        }
        texts.info("target.saved", name);
        jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        return "/target.xhtml?faces-redirect=true&name=" + name;
    }

    public void testConnection() {
        user.requireAdmin();
        String secret = password;
        if (blankToNull(secret) == null && existing) {
            try {
                secret = targets.login(targets.require(name)).password();
            } catch (RuntimeException e) {
                texts.error("editor:password", e.getMessage());
                return;
            }
        }
        var result = connectionCheck.check(new DatabaseLogin(host, port == null ? 5432 : port, database, username,
                secret == null ? "" : secret));
        if (result.ok()) {
            texts.info("target.connected", result.serverVersion());
        } else {
            texts.error(null, result.message());
        }
    }

    /** The next five runs of the schedule being typed, or nothing when it does not parse (the message says why). */
    public List<ZonedDateTime> getNextRuns() {
        if (cron == null || cron.isBlank()) {
            return List.of();
        }
        try {
            var schedule = Schedules.parse(cron, zone == null || zone.isBlank() ? "UTC" : zone);
            return schedule.nextRuns(ZonedDateTime.now(schedule.zone()), 5);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    public String getScheduleProblem() {
        if (cron == null || cron.isBlank()) {
            return null;
        }
        try {
            Schedules.parse(cron, zone == null || zone.isBlank() ? "UTC" : zone);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** What retention, as saved, would keep and delete now, in each destination. */
    public List<DestinationPlan> getPlans() {
        if (plans == null) {
            plans = existing ? pruning.plan(name) : List.of();
        }
        return plans;
    }

    public List<BackupFormat> getFormats() {
        return List.of(BackupFormat.values());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isExisting() { return existing; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getDatabase() { return database; }
    public void setDatabase(String database) { this.database = database; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public BackupFormat getFormat() { return format; }
    public void setFormat(BackupFormat format) { this.format = format; }
    public String getCron() { return cron; }
    public void setCron(String cron) { this.cron = cron; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public int getKeepLast() { return keepLast; }
    public void setKeepLast(int keepLast) { this.keepLast = keepLast; }
    public int getKeepDays() { return keepDays; }
    public void setKeepDays(int keepDays) { this.keepDays = keepDays; }
    public int getKeepDaily() { return keepDaily; }
    public void setKeepDaily(int keepDaily) { this.keepDaily = keepDaily; }
    public int getKeepWeekly() { return keepWeekly; }
    public void setKeepWeekly(int keepWeekly) { this.keepWeekly = keepWeekly; }
    public int getKeepMonthly() { return keepMonthly; }
    public void setKeepMonthly(int keepMonthly) { this.keepMonthly = keepMonthly; }
}
