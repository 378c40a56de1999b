package io.lifeboat.security.entity;

import io.lifeboat.security.control.Tokens.Role;

import java.time.OffsetDateTime;

/** A console user. The password hash never leaves the catalog. */
public record User(String name, Role role, String language, OffsetDateTime createdAt, OffsetDateTime disabledAt) {

    public boolean enabled() {
        return disabledAt == null;
    }
}
