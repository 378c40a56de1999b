package io.lifeboat.destinations.control;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One object being written. Nothing is visible until {@link #commit()}; {@link #close()} without a
 * commit aborts and removes what was written. Closing {@link #stream()} only flushes it.
 */
public sealed interface Upload extends AutoCloseable permits LocalFolderUpload, S3Upload, OneDriveUpload {

    OutputStream stream();

    /** Makes the object visible under its key, durably. */
    void commit() throws IOException;

    /** Drops what was written; safe to call more than once and after a failed commit. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
