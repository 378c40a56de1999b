package io.lifeboat.restores.control;

/** The archive is not laid out as this reader knows it: its bytes are staged unchanged, never rewritten. */
final class UnexpectedArchiveException extends Exception {

    UnexpectedArchiveException(String message) {
        super(message);
    }
}
