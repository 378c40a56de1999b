package io.lifeboat.security.entity;

import io.lifeboat.security.control.Tokens.Role;

import java.time.OffsetDateTime;

/** A registered API token, known by its id (the JWT's jti); its value is shown once, at creation, and never stored. */
public record ApiToken(String id, String name, Role role, String createdBy, OffsetDateTime createdAt,
                       OffsetDateTime expiresAt, OffsetDateTime lastUsed, OffsetDateTime revokedAt, String revokedBy) {

    /** The name API calls made with this token are recorded under (runs, audit). */
    public String principalName() {
        return principalName(name);
    }

    public static String principalName(String tokenName) {
        return "token:" + tokenName;
    }
}
