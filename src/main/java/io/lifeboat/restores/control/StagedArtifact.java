package io.lifeboat.restores.control;

import com.github.luben.zstd.ZstdInputStream;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.encryption.control.AgeEncryption;
import io.lifeboat.encryption.control.Identity;
import io.lifeboat.encryption.control.NoMatchingKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The dump, decompressed into a private file in the work folder after its stored bytes were read once through
 * SHA-256 and found to be exactly the ones the manifest describes. The caller deletes the file.
 *
 * @param file      the decompressed dump (custom archive or plain SQL)
 * @param bytesRead stored (compressed) bytes read
 * @param indexing  whether the custom archive's data offsets were filled in
 */
record StagedArtifact(Path file, long bytesRead, WorkFileCopy.Indexing indexing) {

    private static final int BUFFER = 128 * 1024;

    static final String CHECKSUM_MISMATCH = "the artifact's checksum does not match the manifest: "
            + "it is corrupted or not this backup; restore from another backup";

    static StagedArtifact stage(Manifest manifest, ArtifactSource source, List<Identity> identities,
                                Path workFolder) {
        Manifest.Artifact expected = manifest.dump();
        Path file = createPrivateFile(workFolder, manifest.format());
        try {
            return decompress(manifest, expected, source, identities, file);
        } catch (RuntimeException | Error e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static StagedArtifact decompress(Manifest manifest, Manifest.Artifact expected, ArtifactSource source,
                                             List<Identity> identities, Path file) {
        MessageDigest sha256 = sha256();
        InputStream decompressed = null;
        try (var counted = new HashingStream(opened(source), sha256)) {
            String decompressionError = null;
            WorkFileCopy.Indexing indexing = null;
            String keyError = null;
            String damage = null;
            try {
                decompressed = decompressing(manifest.format(), decrypting(manifest, counted, identities));
                indexing = WorkFileCopy.copy(decompressed, file, manifest.format() == BackupFormat.CUSTOM_ZSTD);
            } catch (HashingStream.SourceReadFailure | RestoreFailedException e) {
                throw e;
            } catch (WorkFileCopy.DamagedArchiveException e) {
                damage = e.getMessage();
            } catch (NoMatchingKeyException e) {
                keyError = e.getMessage();
            } catch (WriteBehindFile.WorkFileFailure e) {
                throw new RestoreFailedException("Could not write the decompressed dump to " + file.getParent()
                        + " (" + e.getCause().getMessage() + "): free space there or choose another work folder, "
                        + "then restore again", e.getCause());
            } catch (IOException | RuntimeException e) {
                decompressionError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            counted.transferTo(OutputStream.nullOutputStream());
            String actualSha = HexFormat.of().formatHex(sha256.digest());
            if (counted.count() != expected.size() || !actualSha.equalsIgnoreCase(expected.sha256())) {
                throw new UnusableCopyException("Refused to restore backup " + manifest.id() + ": "
                        + CHECKSUM_MISMATCH + ". The manifest expects " + expected.size() + " bytes with SHA-256 "
                        + expected.sha256() + "; the artifact has " + counted.count() + " bytes with SHA-256 "
                        + actualSha + (decompressionError == null ? "" : " and does not decompress ("
                        + decompressionError + ")") + ". Nothing was created.", null);
            }
            if (keyError != null) {
                throw new RestoreFailedException("Refused to restore backup " + manifest.id() + ": the artifact "
                        + "matches its manifest, but the key given does not decrypt it (" + keyError + "): give the "
                        + "private key or passphrase it was encrypted for. Nothing was created.");
            }
            if (damage != null) {
                throw new RestoreFailedException("Refused to restore backup " + manifest.id() + ": the artifact "
                        + "matches its manifest, but the pg_dump archive inside it is damaged (" + damage + "), so it "
                        + "was damaged before its checksum was taken; restore from another backup and check the "
                        + "backups of " + manifest.target() + ". Nothing was created.");
            }
            if (decompressionError != null) {
                throw new RestoreFailedException("Refused to restore backup " + manifest.id() + ": the artifact "
                        + "matches its manifest but does not decompress as " + manifest.format().compression()
                        + " (" + decompressionError + "), so it was damaged before its checksum was taken; "
                        + "restore from another backup and check the backups of " + manifest.target()
                        + ". Nothing was created.");
            }
            return new StagedArtifact(file, counted.count(), indexing);
        } catch (HashingStream.SourceReadFailure e) {
            throw new UnusableCopyException("Could not read the artifact " + expected.name() + " of backup "
                    + manifest.id() + " (" + e.getCause().getMessage() + "): check that its destination is "
                    + "reachable and restore again. Nothing was created.", e.getCause());
        } catch (IOException e) {
            throw new UnusableCopyException("Could not read the artifact " + expected.name() + " of backup "
                    + manifest.id() + " (" + e.getMessage() + "): check that its destination is reachable and "
                    + "restore again. Nothing was created.", e);
        } finally {
            closeQuietly(decompressed);
        }
    }

    /** Frees the decompressor's native memory; the stored stream below it is closed by then. */
    private static void closeQuietly(InputStream decompressed) {
        if (decompressed == null) {
            return;
        }
        try {
            decompressed.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing is left to read from it
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

    private static InputStream decompressing(BackupFormat format, InputStream in) throws IOException {
        return switch (format) {
            case CUSTOM_ZSTD -> new ZstdInputStream(in);
            case PLAIN_GZIP -> new GZIPInputStream(in, BUFFER);
        };
    }

    private static Path createPrivateFile(Path workFolder, BackupFormat format) {
        try {
            Files.createDirectories(workFolder);
            return Files.createTempFile(workFolder, "restore-", format == BackupFormat.CUSTOM_ZSTD ? ".pgc" : ".sql",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new RestoreFailedException("Could not create a file in the work folder " + workFolder + " ("
                    + e.getMessage() + "): make it writable by Lifeboat or choose another one", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // reported by close() when it matters; here another error is already on its way
        }
    }

    /** Deletes the decompressed dump; a failure is logged, not thrown, as the restore's outcome is already known. */
    void delete(Consumer<String> log) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.accept("Could not delete the decompressed dump " + file + " (" + e.getMessage() + "): delete it by hand");
        }
    }
}
