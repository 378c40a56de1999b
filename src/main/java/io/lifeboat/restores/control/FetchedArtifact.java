package io.lifeboat.restores.control;

import io.lifeboat.Sha256;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.encryption.control.AgeEncryption;
import io.lifeboat.encryption.control.Identity;
import io.lifeboat.encryption.control.NoMatchingKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The artifact in a private folder of the work folder, still compressed (and decrypted when it was encrypted), after
 * its stored bytes were read once through SHA-256 and found to be exactly the ones the manifest describes. The load
 * reads it from there as often as it needs; {@link #delete} removes the folder with everything the restore put in it.
 *
 * @param folder    the restore's private folder
 * @param file      the compressed dump in it
 * @param bytesRead stored bytes read
 */
record FetchedArtifact(Path folder, Path file, long bytesRead) {

    private static final int BUFFER = 256 * 1024;

    private static final String CHECKSUM_MISMATCH = "the artifact's checksum does not match the manifest: "
            + "it is corrupted or not this backup; restore from another backup";

    static FetchedArtifact fetch(Manifest manifest, ArtifactSource source, List<Identity> identities,
                                 Path workFolder) {
        Path folder = createPrivateFolder(workFolder);
        try {
            Path file = folder.resolve(manifest.format().artifactName());
            return new FetchedArtifact(folder, file, copy(manifest, source, identities, file));
        } catch (RuntimeException | Error e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    /** Copies the stored bytes, decrypted, to the file; returns how many stored bytes there were. */
    private static long copy(Manifest manifest, ArtifactSource source, List<Identity> identities, Path file) {
        Manifest.Artifact expected = manifest.dump();
        MessageDigest sha256 = Sha256.digest();
        try (var counted = new HashingStream(opened(source), sha256)) {
            String readError = null;
            String keyError = null;
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                transfer(decrypting(manifest, counted, identities), out);
            } catch (HashingStream.SourceReadFailure e) {
                throw e;
            } catch (NoMatchingKeyException e) {
                keyError = e.getMessage();
            } catch (WorkFileFailure e) {
                throw new RestoreFailedException("Could not write the artifact to " + file.getParent() + " ("
                        + e.getCause().getMessage() + "): free space there or choose another work folder, "
                        + "then restore again. Nothing was created.", e.getCause());
            } catch (IOException | RuntimeException e) {
                readError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            counted.transferTo(OutputStream.nullOutputStream());
            String actualSha = Sha256.hex(sha256);
            if (counted.count() != expected.size() || !actualSha.equalsIgnoreCase(expected.sha256())) {
                throw new UnusableCopyException("Refused to restore backup " + manifest.id() + ": "
                        + CHECKSUM_MISMATCH + ". The manifest expects " + expected.size() + " bytes with SHA-256 "
                        + expected.sha256() + "; the artifact has " + counted.count() + " bytes with SHA-256 "
                        + actualSha + (readError == null ? "" : " and does not decrypt (" + readError + ")")
                        + ". Nothing was created.", null);
            }
            if (keyError != null) {
                throw new RestoreFailedException("Refused to restore backup " + manifest.id() + ": the artifact "
                        + "matches its manifest, but the key given does not decrypt it (" + keyError + "): give the "
                        + "private key or passphrase it was encrypted for. Nothing was created.");
            }
            if (readError != null) {
                throw new RestoreFailedException("Refused to restore backup " + manifest.id() + ": the artifact "
                        + "matches its manifest but does not decrypt (" + readError + "), so it was damaged before "
                        + "its checksum was taken; restore from another backup and check the backups of "
                        + manifest.target() + ". Nothing was created.");
            }
            return counted.count();
        } catch (HashingStream.SourceReadFailure e) {
            throw new UnusableCopyException("Could not read the artifact " + expected.name() + " of backup "
                    + manifest.id() + " (" + e.getCause().getMessage() + "): check that its destination is "
                    + "reachable and restore again. Nothing was created.", e.getCause());
        } catch (IOException e) {
            throw new UnusableCopyException("Could not read the artifact " + expected.name() + " of backup "
                    + manifest.id() + " (" + e.getMessage() + "): check that its destination is reachable and "
                    + "restore again. Nothing was created.", e);
        }
    }

    /** Copies in to out; a failing write is a {@link WorkFileFailure}, a failing read stays what it is. */
    private static void transfer(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) != -1) {
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw new WorkFileFailure(e);
            }
        }
    }

    private static InputStream opened(ArtifactSource source) {
        try {
            return source.open();
        } catch (IOException e) {
            throw new HashingStream.SourceReadFailure(e);
        }
    }

    /** The stored bytes, decrypted with age when the manifest says they are encrypted; reads the age header now. */
    private static InputStream decrypting(Manifest manifest, InputStream stored, List<Identity> identities)
            throws IOException {
        return manifest.encrypted() ? new AgeEncryption().decrypt(stored, identities, manifest.encryption()) : stored;
    }

    private static Path createPrivateFolder(Path workFolder) {
        try {
            Files.createDirectories(workFolder);
            return Files.createTempDirectory(workFolder, "restore-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RestoreFailedException("Could not create a folder in the work folder " + workFolder + " ("
                    + e.getMessage() + "): make it writable by Lifeboat or choose another one", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException ignored) {
            // another error is already on its way
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Deletes the folder; a failure is logged, not thrown, as the restore's outcome is already known. */
    void delete(Consumer<String> log) {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            log.accept("Could not delete the restore's work files in " + folder + " (" + e.getMessage()
                    + "): delete them by hand");
        }
    }

    /** Writing the work file failed: the work folder is full or not writable. */
    private static final class WorkFileFailure extends IOException {
        WorkFileFailure(IOException cause) {
            super(cause);
        }
    }
}
