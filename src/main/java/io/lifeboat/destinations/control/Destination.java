package io.lifeboat.destinations.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;

/**
 * Where the objects of backups are stored. Keys are relative, '/'-separated paths such as
 * {@code crm/2025/01/20250114T020000Z-a1b2c3/dump.pgc.zst}. An object becomes visible only when
 * its {@link Upload} is committed; objects are never overwritten.
 */
public sealed interface Destination permits LocalFolder, S3Bucket, OneDrive {

    /**
     * Starts writing a new object.
     *
     * @throws FileAlreadyExistsException when an object with this key exists already
     */
    Upload create(String key) throws IOException;

    InputStream open(String key) throws IOException;

    boolean exists(String key);

    /** Size in bytes of a complete object. */
    long size(String key) throws IOException;

    /** Keys of the complete objects whose key starts with {@code prefix}, sorted; never partial uploads. */
    List<String> list(String prefix) throws IOException;

    /** Removes an object; nothing happens when it does not exist. */
    void delete(String key) throws IOException;

    /**
     * The SHA-256 (lowercase hex) of a complete object: the one recorded when it was stored where the
     * destination records it, otherwise computed by reading the object. To check an object against the
     * checksum in its manifest while reading it, use {@link Destinations#verified}.
     */
    String sha256(String key) throws IOException;

    /**
     * Removes what uploads of stopped runs left under {@code prefix} (partial files, unfinished
     * multipart uploads); returns how many were removed. Never touches complete objects.
     */
    int removePartials(String prefix) throws IOException;

    /** For people: what and where this destination is, e.g. "local folder /srv/backups". */
    String describe();
}
