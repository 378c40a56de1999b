package io.lifeboat.catalog.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Lifeboat's own folder: the embedded catalog cluster, keys, the first admin token, local backups.
 * Set with {@code lifeboat.data} (environment: {@code LIFEBOAT_DATA}); defaults to {@code ./lifeboat-data}.
 * It is read before MicroProfile Config is available (by a config source), so it looks at the
 * system property and the environment itself.
 */
public final class DataFolder {

    private DataFolder() {
    }

    public static Path root() {
        String configured = Optional.ofNullable(System.getProperty("lifeboat.data"))
                .orElseGet(() -> Optional.ofNullable(System.getenv("LIFEBOAT_DATA")).orElse("lifeboat-data"));
        Path root = Path.of(configured).toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(root)) {
                // owner only, but traversable: the embedded cluster's own user must reach its folder
                Files.createDirectories(root);
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Lifeboat's data folder " + root
                    + ": choose a writable folder with lifeboat.data / LIFEBOAT_DATA", e);
        }
        return root;
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** Reads a password file, creating it with a random value (0600) the first time. */
    public static String secretFile(Path file) {
        return randomFile(file, 24, Base64.getUrlEncoder().withoutPadding());
    }

    /** Reads a key file (base64 of {@code bytes} random bytes), creating it (0600) the first time. */
    public static String secretKeyFile(Path file, int bytes) {
        return randomFile(file, bytes, Base64.getEncoder());
    }

    private static synchronized String randomFile(Path file, int bytes, Base64.Encoder encoder) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[bytes];
                new SecureRandom().nextBytes(random);
                writePrivate(file, encoder.encodeToString(random));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /** Writes a file readable by its owner only; the permissions are set before any content is written. */
    public static void writePrivate(Path file, String content) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            Files.createDirectories(file.getParent());
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        }
        Path temp = Files.createTempFile(file.getParent(), ".private", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
