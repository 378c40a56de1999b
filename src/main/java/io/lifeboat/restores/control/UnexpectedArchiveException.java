package io.lifeboat.restores.control;

/**
 * The archive is not laid out as this reader knows it: in its table of contents, it is loaded as one stream, as it is;
 * in its data section, it is damaged.
 */
final class UnexpectedArchiveException extends Exception {

    UnexpectedArchiveException(String message) {
        super(message);
    }
}
