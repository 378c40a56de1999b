package io.lifeboat.console.boundary;

import io.lifeboat.security.control.Audit;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The audit log (admins), filtered by who, what (prefix) and days (UTC). */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final int LIMIT = 500;

    @Inject
    transient Audit audit;

    private String actor;
    private String action;
    private LocalDate from;
    private LocalDate to;
    private transient List<AuditEntry> entries;

    public List<AuditEntry> getEntries() {
        if (entries == null) {
            entries = audit.search(new Audit.Query(blankToNull(actor), blankToNull(action),
                    from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), LIMIT));
        }
        return entries;
    }

    public void search() {
        entries = null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
}
