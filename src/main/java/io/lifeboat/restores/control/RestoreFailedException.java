package io.lifeboat.restores.control;

/**
 * A restore that did not complete. The message says what failed and what to do next; it never holds a password.
 * When this is thrown, no database made by the restore is left on the server (or the message says how to drop it).
 */
public class RestoreFailedException extends RuntimeException {

    public RestoreFailedException(String message) {
        super(message);
    }

    public RestoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
