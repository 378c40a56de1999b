package io.lifeboat.backups.control;

/** A backup did not complete; nothing of it was kept. The message says what happened and what to do. */
public class BackupFailedException extends Exception {

    public BackupFailedException(String message) {
        super(message);
    }

    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
