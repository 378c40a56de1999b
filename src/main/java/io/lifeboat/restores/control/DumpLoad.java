package io.lifeboat.restores.control;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.lifeboat.backups.entity.BackupFormat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * How a fetched dump gets into the new database: prepared before the database exists (what can be checked is
 * checked then, and a refusal creates nothing), then loaded by client tools that read it decompressed as a stream, so
 * the decompressed dump is never written to disk.
 */
sealed interface DumpLoad permits ArchiveLoad, ArchiveStreamLoad, ScriptLoad {

    int BUFFER = 256 * 1024;

    static DumpLoad prepare(RestoreRequest request, FetchedArtifact fetched) {
        return switch (request.manifest().format()) {
            case CUSTOM_ZSTD -> ArchiveLoad.prepare(request, fetched);
            case PLAIN_GZIP -> ScriptLoad.prepare(request, fetched);
        };
    }

    /** What the load will do, for the log. */
    String describe();

    /** Loads the dump into the database the steps connect to. */
    void into(ToolSteps steps) throws InterruptedException;

    /** The whole dump, decompressed, as a tool's stdin. */
    static ToolRun.Input whole(BackupFormat format, Path file) {
        return stdin -> {
            try (InputStream in = decompressed(format, file)) {
                in.transferTo(stdin);
            }
        };
    }

    /** The dump decompressed, read from the start. */
    static InputStream decompressed(BackupFormat format, Path file) throws IOException {
        InputStream stored = Files.newInputStream(file);
        try {
            return switch (format) {
                case CUSTOM_ZSTD -> new ZstdInputStreamNoFinalizer(stored);
                case PLAIN_GZIP -> new GZIPInputStream(stored, BUFFER);
            };
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    /** The refusal of an artifact that matches its manifest but does not decompress. */
    static RestoreFailedException undecompressable(RestoreRequest request, Exception cause) {
        var manifest = request.manifest();
        return new RestoreFailedException("Refused to restore backup " + manifest.id() + ": the artifact matches its "
                + "manifest but does not decompress as " + manifest.format().compression() + " ("
                + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "), so it was damaged before its "
                + "checksum was taken; restore from another backup and check the backups of " + manifest.target()
                + ". Nothing was created.", cause);
    }
}
