package io.lifeboat.security.entity;

import java.time.OffsetDateTime;

/**
 * One line of the audit trail: who ({@code actor}), from where, did what to which object, and how it
 * ended. {@code details} explains, never quotes a secret.
 */
public record AuditEntry(long id, OffsetDateTime at, String actor, String address, String action, String object,
                         Result result, String details) {

    public enum Result { SUCCESS, DENIED, FAILED }

    /** An entry still to be recorded (id and time come from the catalog). */
    public static AuditEntry of(String actor, String address, String action, String object, Result result,
                                String details) {
        return new AuditEntry(0, null, actor, address, action, object, result, details);
    }
}
