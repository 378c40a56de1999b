package io.lifeboat.restores.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Copies a decompressed dump into the work file through a {@link WriteBehindFile}. A custom archive is read on the
 * way: its data is copied in large chunks and its table of contents gets the data offsets (see {@link TocPatch});
 * an archive whose header or table of contents this reader does not know is copied unchanged, as pg_restore reads
 * it either way, only slower. Damage found in the data itself ends the copy with a {@link DamagedArchiveException}.
 */
final class WorkFileCopy {

    /** What became of the archive's table of contents. */
    sealed interface Indexing {
        String describe();
    }

    /** The offsets of this many entries' data were written into the table of contents. */
    record Indexed(int entries) implements Indexing {
        @Override
        public String describe() {
            return "Wrote the data offsets of " + entries + " entries into the archive's table of contents";
        }
    }

    /** The copy is the stream as it came. */
    record Unchanged(String reason) implements Indexing {
        @Override
        public String describe() {
            return "Staged the dump unchanged (" + reason + ")";
        }
    }

    private WorkFileCopy() {
    }

    /** The data section of a custom archive is damaged: pg_restore could not load it either. */
    static final class DamagedArchiveException extends IOException {
        DamagedArchiveException(String reason) {
            super(reason);
        }
    }

    /**
     * Copies the stream to the (existing, empty) file.
     *
     * @param customArchive whether the stream is a pg_dump custom archive whose offsets are to be filled in
     * @throws IOException                       reading the stream failed (a damaged artifact)
     * @throws DamagedArchiveException           the archive's data section is damaged (truncated, an unknown block)
     * @throws WriteBehindFile.WorkFileFailure   writing the file failed
     */
    static Indexing copy(InputStream decompressed, Path file, boolean customArchive) throws IOException {
        WriteBehindFile out = new WriteBehindFile(file);
        Indexing indexing;
        TocPatch patch = null;
        try {
            var in = new ArchiveInput(decompressed, out);
            if (customArchive) {
                try {
                    patch = TocPatch.of(ArchiveStructure.read(in));
                    indexing = patch.isEmpty() ? new Unchanged("no data offsets were missing")
                            : new Indexed(patch.fields().size());
                } catch (UnexpectedArchiveException e) {
                    if (!in.copying()) {
                        throw new DamagedArchiveException(e.getMessage());
                    }
                    in.drain();
                    indexing = new Unchanged("its layout was not the expected one: " + e.getMessage());
                }
            } else {
                in.drain();
                indexing = new Unchanged("a plain SQL dump");
            }
            out.close();
        } catch (IOException | RuntimeException | Error e) {
            out.abandon();
            throw e;
        }
        if (patch != null && !patch.isEmpty()) {
            try {
                patch.applyTo(file);
            } catch (IOException e) {
                throw new WriteBehindFile.WorkFileFailure(file, e);
            }
        }
        return indexing;
    }
}
