package io.lifeboat.backups.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpProgressTest {

    @Test
    void keepsOnlyTheLastLogLines() {
        var progress = new DumpProgress(3, phase -> { });
        for (int i = 1; i <= 5; i++) {
            progress.log("line " + i);
        }
        assertEquals(List.of("line 3", "line 4", "line 5"), progress.log());
    }

    @Test
    void countsBytesAndTellsTheListenerOfEachPhase() throws InterruptedException {
        var phases = new ArrayList<DumpProgress.Phase>();
        var progress = new DumpProgress(10, phases::add);
        progress.started();
        progress.phase(DumpProgress.Phase.DUMPING);
        progress.read(1000);
        progress.written(300);
        Thread.sleep(20);
        progress.phase(DumpProgress.Phase.DONE);
        assertEquals(List.of(DumpProgress.Phase.DUMPING, DumpProgress.Phase.DONE), phases);
        assertEquals(1000, progress.bytesRead());
        assertEquals(300, progress.bytesWritten());
        assertTrue(progress.elapsed().toMillis() >= 20);
        assertEquals(progress.elapsed(), progress.elapsed(), "the clock stops when the run ends");
        assertTrue(progress.bytesPerSecond() > 0 && progress.bytesPerSecond() <= 1000 / 0.02);
    }

    @Test
    void cancelBeforeTheDumpCanBeStoppedStillStopsIt() {
        var progress = new DumpProgress();
        var stops = new AtomicInteger();
        progress.cancel();
        progress.onCancel(stops::incrementAndGet);
        assertTrue(progress.isCancelled());
        assertEquals(1, stops.get());
        progress.cancel();
        assertEquals(2, stops.get());
    }
}
