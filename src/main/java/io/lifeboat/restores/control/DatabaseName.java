package io.lifeboat.restores.control;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The name of a database a restore creates: a lower-case PostgreSQL identifier of at most 63 bytes. */
record DatabaseName(String value) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int MAX_BYTES = 63;

    DatabaseName {
        if (value == null || !IDENTIFIER.matcher(value).matches()
                || value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new RestoreFailedException("'" + value + "' cannot be the name of the new database: choose a name "
                    + "of lower-case letters, digits and underscores that starts with a letter or an underscore "
                    + "and is at most " + MAX_BYTES + " characters long");
        }
    }

    /** The name as a quoted SQL identifier (the pattern leaves nothing to escape). */
    String quoted() {
        return '"' + value + '"';
    }

    @Override
    public String toString() {
        return value;
    }
}
