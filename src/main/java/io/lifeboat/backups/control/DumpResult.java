package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.CopyStatus;
import io.lifeboat.backups.entity.Manifest;

import java.util.List;

/**
 * A finished dump: its manifest and, in the target's order of destinations, what became of each copy.
 * At least one copy is {@link CopyStatus#COMPLETE}.
 */
public record DumpResult(Manifest manifest, List<Copy> copies) {

    /** One destination's copy; {@code reason} is empty when it is complete. */
    public record Copy(String destination, CopyStatus status, String reason) {
    }

    public DumpResult {
        copies = List.copyOf(copies);
    }

    public List<Copy> failed() {
        return copies.stream().filter(c -> c.status() == CopyStatus.FAILED).toList();
    }

    /** For the run log: empty when every copy is complete. */
    public String warning() {
        if (failed().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Warning: ").append(failed().size()).append(" of ")
                .append(copies.size()).append(" copies failed");
        failed().forEach(c -> text.append("; ").append(c.destination()).append(": ").append(c.reason()));
        return text.append(". The backup is complete in the other destinations; fix the failed ones before the "
                + "next run.").toString();
    }
}
