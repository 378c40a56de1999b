package io.lifeboat.restores.control;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of a backup's dump artifact come from, exactly as they were stored (compressed).
 * Adapt a destination with {@code () -> destination.open(key)}, a file with {@code () -> Files.newInputStream(path)}.
 */
@FunctionalInterface
public interface ArtifactSource {

    /** Opens a new stream over the whole artifact; the caller closes it. */
    InputStream open() throws IOException;
}
