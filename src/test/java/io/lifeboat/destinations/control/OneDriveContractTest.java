package io.lifeboat.destinations.control;

import io.lifeboat.testing.FakeGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneDriveContractTest extends DestinationContract {

    private static final AtomicInteger TESTS = new AtomicInteger();

    static FakeGraph graph;
    OneDrive drive;
    String folder;

    @BeforeAll
    static void startGraph() {
        graph = FakeGraph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.close();
    }

    /** Each test gets its own folder and spool, so every test starts empty; chunks of 960 KiB give many chunks. */
    @BeforeEach
    void openDrive() {
        int test = TESTS.incrementAndGet();
        folder = "Backups/test-" + test;
        Path spool = Path.of("target", "onedrive-contract-" + ProcessHandle.current().pid(), "spool-" + test);
        var location = OneDriveLocation.of(folder, FakeGraph.TENANT, graph.endpoint(), graph.endpoint()).withChunkKiB(960);
        drive = OneDrive.open(location, new OneDriveCredentials(FakeGraph.CLIENT_ID, FakeGraph.CLIENT_SECRET,
                graph.refreshToken()), rotated -> { }, spool);
    }

    @AfterEach
    void graphSawNoBreachOfItsContract() {
        assertEquals(List.of(), graph.violations());
        assertTrue(graph.chunkSizes().stream().allMatch(size -> size < 60 * 1024 * 1024));
    }

    @Override
    Destination destination() {
        return drive;
    }

    @Override
    void writeBehindTheBack(String key, byte[] content) {
        graph.putFile(folder + "/" + key, content);
    }

    @Override
    void assertNoUnfinishedUploads() throws IOException {
        assertEquals(0, graph.openSessions(), "open upload sessions");
        if (Files.isDirectory(drive.spool())) {
            try (Stream<Path> files = Files.walk(drive.spool())) {
                assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "spool files");
            }
        }
    }
}
