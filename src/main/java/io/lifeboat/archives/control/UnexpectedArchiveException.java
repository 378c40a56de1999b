package io.lifeboat.archives.control;

/**
 * The archive is not laid out as this reader knows it: in its table of contents, it is loaded as one stream, as it is;
 * in its data section, it is damaged.
 */
public final class UnexpectedArchiveException extends Exception {

    public UnexpectedArchiveException(String message) {
        super(message);
    }
}
