package io.lifeboat.backups.control;

/** No installed pg_dump has the server's major version or a newer one. */
public class NoSuitableClientException extends Exception {

    public NoSuitableClientException(String message) {
        super(message);
    }
}
