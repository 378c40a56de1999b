package io.lifeboat.it;

import io.lifeboat.catalog.control.LocalCluster;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifeboat's embedded cluster after its server died without a shutdown (a power cut, a kill): postmaster.pid is
 * left behind, and the cluster must be seen as stopped so that Lifeboat starts it again instead of using a
 * server that is not there.
 */
class ClusterAfterPowerCutTest {

    @Test
    void aClusterWhoseServerDiedIsSeenAsStoppedAndStartsAgain() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "power-cut-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        var cluster = new LocalCluster(root.resolve("cluster"), LocalCluster.newestServerBinaries(),
                TestDatabase.freePort());
        try {
            cluster.initialize("owner", "power-cut-password");
            cluster.start();
            assertTrue(cluster.isRunning());

            Path pidFile = cluster.folder().resolve("postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            List<ProcessHandle> backends = postmaster.children().toList();
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            for (ProcessHandle backend : backends) {
                backend.onExit().get(30, TimeUnit.SECONDS);
            }

            assertTrue(Files.exists(pidFile), "the dead server left its postmaster.pid");
            assertFalse(cluster.isRunning(), "a postmaster.pid without its server is not a running cluster");
            cluster.start();
            assertTrue(cluster.isRunning());
            try (var c = DriverManager.getConnection(cluster.jdbcUrl("postgres"), "owner", "power-cut-password");
                 var rows = c.createStatement().executeQuery("select 1")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "the restarted cluster answers");
            }
        } finally {
            cluster.destroy();
            Files.deleteIfExists(root);
        }
    }
}
