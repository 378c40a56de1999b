package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.encryption.control.Identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The copies of one artifact in the order to try them: the first that is there and matches its manifest is
 * fetched; a copy that is missing or damaged is skipped, saying so in the log, for the next one.
 */
public record ArtifactCopies(List<Copy> copies) implements ArtifactSource {

    /** One copy: where it is, for people, and how to read it. */
    public record Copy(String where, ArtifactSource source) {
    }

    public ArtifactCopies {
        if (copies.isEmpty()) {
            throw new RestoreFailedException("No complete copy of this backup is left in any destination: "
                    + "restore another backup");
        }
        copies = List.copyOf(copies);
    }

    /** The copies of a source: itself when it is {@code ArtifactCopies}, or else its only copy. */
    static ArtifactCopies of(ArtifactSource source) {
        return source instanceof ArtifactCopies copies ? copies : new ArtifactCopies(List.of(new Copy("the source", source)));
    }

    /** Opens the first copy. */
    @Override
    public InputStream open() throws IOException {
        return copies.get(0).source().open();
    }

    FetchedArtifact fetch(Manifest manifest, List<Identity> identities, Path workFolder, Consumer<String> log) {
        for (int i = 0; ; i++) {
            Copy copy = copies.get(i);
            try {
                if (copies.size() > 1) {
                    log.accept("Reading the copy in " + copy.where());
                }
                return FetchedArtifact.fetch(manifest, copy.source(), identities, workFolder);
            } catch (UnusableCopyException e) {
                if (i + 1 == copies.size()) {
                    throw copies.size() == 1 ? e : new RestoreFailedException("No copy of backup " + manifest.id()
                            + " could be used; the last one, in " + copy.where() + ": " + e.getMessage(), e);
                }
                log.accept("The copy in " + copy.where() + " cannot be used (" + e.getMessage()
                        + "); falling back to the copy in " + copies.get(i + 1).where());
            }
        }
    }
}
