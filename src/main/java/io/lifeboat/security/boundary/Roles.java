package io.lifeboat.security.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.security.control.Tokens.Role;

import java.util.Locale;

/** Roles as the API writes them: viewer, operator, admin. */
final class Roles {

    private Roles() {
    }

    static Role parse(String role) {
        if (role == null) {
            throw Problem.badRequest("Give a role: viewer, operator or admin.");
        }
        try {
            return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("There is no role '" + role + "': use viewer, operator or admin.");
        }
    }
}
