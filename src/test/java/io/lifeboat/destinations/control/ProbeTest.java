package io.lifeboat.destinations.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe on local folders; on S3 it runs in the contract suite and the fault tests. */
class ProbeTest {

    @TempDir
    Path root;

    @Test
    void passesOnAWritableFolderAndLeavesNothing() throws IOException {
        var folder = new LocalFolder(root.resolve("backups"));
        var result = Probe.run(folder);

        assertTrue(result.ok(), result.message());
        assertTrue(result.message().startsWith("Wrote, read back, listed and deleted a probe object in local folder "),
                result.message());
        assertEquals(List.of(), folder.list(""));
    }

    @Test
    void namesTheWriteStepWhenTheFolderIsAFile() throws IOException {
        Path notAFolder = Files.writeString(root.resolve("backups"), "a file where the folder should be");
        var result = Probe.run(new LocalFolder(notAFolder));

        assertFalse(result.ok());
        assertEquals(Probe.Step.WRITE, result.failedStep().orElseThrow());
        assertTrue(result.message().startsWith("The write step failed on local folder " + notAFolder + ": "),
                result.message());
    }
}
