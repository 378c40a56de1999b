package io.lifeboat.restores.control;

/** A stored copy of the artifact cannot be used: it is missing, unreadable or not the bytes the manifest lists. */
public class UnusableCopyException extends RestoreFailedException {

    public UnusableCopyException(String message, Throwable cause) {
        super(message, cause);
    }
}
