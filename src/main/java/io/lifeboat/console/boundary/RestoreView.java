package io.lifeboat.console.boundary;

import io.lifeboat.backups.control.Backups;
import io.lifeboat.api.Problem;
import io.lifeboat.backups.entity.Backup;
import io.lifeboat.console.control.RestoreKey;
import io.lifeboat.console.control.RestoreOutcome;
import io.lifeboat.encryption.control.Identity;
import io.lifeboat.restores.control.RestoreRuns;
import io.lifeboat.runs.control.Runs;
import io.lifeboat.runs.entity.Run;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * The restore wizard (admins only): pick a backup, name the new database, confirm, follow the
 * restore, read the verification report. A restore always goes into a new database.
 */
@Named
@ViewScoped
public class RestoreView implements Serializable {

    /** Where the wizard is. */
    public enum Step { PICK, NAME, CONFIRM, PROGRESS, REPORT }

    @Inject
    transient Backups backups;
    @Inject
    transient RestoreRuns restoreRuns;
    @Inject
    transient Runs runs;
    @Inject
    ConsoleUser user;
    @Inject
    Texts texts;
    @Inject
    ConsoleAudit audit;

    private String target;
    private String backupId;
    private String database;
    private Long runId;
    private Step step = Step.PICK;
    private transient Run run;
    /** The key or passphrase given for an encrypted backup: kept only until the restore starts, never shown. */
    private transient List<Identity> identities = List.of();

    /** Opens the wizard; a backup given in the address skips the first step. */
    public void open() {
        user.requireAdmin();
        if (backupId != null && !backupId.isBlank()) {
            Backup backup = backups.require(backupId);
            target = backup.target();
            database = (backup.target() + "_restored").replace('-', '_');
            step = Step.NAME;
        }
    }

    public List<Backup> getBackups() {
        return target == null ? List.of() : backups.forTarget(target);
    }

    public Backup getBackup() {
        return backupId == null ? null : backups.require(backupId);
    }

    public void pick(String id) {
        this.backupId = id;
        this.identities = List.of();
        this.database = (backups.require(id).target() + "_restored").replace('-', '_');
        step = Step.NAME;
    }

    public void toConfirm() {
        step = Step.CONFIRM;
    }

    public void back() {
        step = switch (step) {
            case NAME -> Step.PICK;
            case CONFIRM -> Step.NAME;
            default -> step;
        };
    }

    public void restore() {
        user.requireAdmin();
        try {
            List<Identity> keys = identities == null ? List.of() : identities;
            runId = restoreRuns.start(backupId, database, user.initiator(), keys).run().id();
            audit.success("restore.start", backupId, "console: into new database " + database + ", run " + runId
                    + (keys.isEmpty() ? "" : ", with a key given for this restore"));
            step = Step.PROGRESS;
        } catch (RuntimeException e) {
            texts.error(null, e.getMessage());
            step = Step.NAME;
        } finally {
            identities = List.of();
        }
    }

    /** Whether the chosen backup is encrypted, so the wizard asks for its key. */
    public boolean isEncrypted() {
        Backup backup = getBackup();
        return backup != null && Backups.manifest(backup).encrypted();
    }

    /** Never redisplayed. */
    public String getKey() {
        return null;
    }

    /** The age private key or passphrase typed on the name step, read as the API reads it. */
    public void setKey(String key) {
        identities = RestoreKey.parse(key);
    }

    /** Refuses a malformed age key next to the field, with a message that never quotes it. */
    public void checkKey(FacesContext faces, UIComponent field, Object value) {
        try {
            RestoreKey.parse((String) value);
        } catch (Problem e) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    /** Called by the poll while the restore runs. */
    public void refresh() {
        run = null;
        if (step == Step.PROGRESS && getRun() != null && getRun().status() != Run.Status.RUNNING) {
            step = Step.REPORT;
        }
    }

    public Run getRun() {
        if (run == null && runId != null) {
            run = runs.require(runId);
        }
        return run;
    }

    public RestoreOutcome getOutcome() {
        return getRun() == null ? null : RestoreOutcome.of(getRun());
    }

    public String getConfirmText() {
        return texts.get("restore.confirm.text", backupId, getBackup().target(), database);
    }

    public String getRunningText() {
        return texts.get("restore.running", database);
    }

    public Step getStep() {
        return step;
    }

    public int getStepIndex() {
        return step.ordinal();
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getBackupId() {
        return backupId;
    }

    public void setBackupId(String backupId) {
        this.backupId = backupId;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }
}
