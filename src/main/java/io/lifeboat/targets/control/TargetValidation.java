package io.lifeboat.targets.control;

import io.lifeboat.api.Problem;
import io.lifeboat.targets.entity.Target;

/** Checks on what clients send about targets, with messages that say what is expected. */
final class TargetValidation {

    private TargetValidation() {
    }

    static String name(String name) {
        if (name == null || !name.matches(Target.NAME_PATTERN)) {
            throw Problem.badRequest("The target name '" + name + "' is not valid: use 1 to 63 lower-case letters, "
                    + "digits, '-' or '_', starting with a letter or digit (e.g. \"crm-prod\").");
        }
        return name;
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Problem.badRequest("\"" + field + "\" is required.");
        }
        return value.strip();
    }

    static int port(int port) {
        if (port < 1 || port > 65535) {
            throw Problem.badRequest("\"port\" must be between 1 and 65535, not " + port + ".");
        }
        return port;
    }
}
