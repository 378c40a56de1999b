package io.lifeboat.restores.control;

import io.lifeboat.archives.control.TableOfContents;
import io.lifeboat.archives.control.TableOfContents.Entry;
import io.lifeboat.archives.control.TableOfContents.Section;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The post-data section of an archive, restored in parts as pg_restore's own parallel restore would order it: the
 * indexes and primary, unique and exclusion constraints of tables whose data is loaded, while other data streams still
 * load; everything else (foreign keys, triggers, materialized views, grants) once all the data is in. Only an index
 * or constraint that depends on nothing but loaded tables is built early; a lane that finishes last leaves its
 * tables' indexes to the final step, which builds them with all jobs.
 */
final class PostDataSection {

    private static final Set<String> EARLY = Set.of("INDEX", "CONSTRAINT");

    private final List<Entry> entries;
    private final Map<Integer, Integer> dataOfTable = new HashMap<>();
    private final Set<Integer> loaded = new HashSet<>();
    private final Set<Integer> claimed = new HashSet<>();
    private int lanesLoading;

    PostDataSection(TableOfContents toc, int lanes) {
        this.entries = toc.entries().stream().filter(e -> e.section() == Section.POST_DATA).toList();
        for (Entry data : toc.dataSection()) {
            if (data.hasData() && data.desc().equals("TABLE DATA")) {
                data.dependencies().forEach(table -> dataOfTable.put(table, data.dumpId()));
            }
        }
        this.lanesLoading = lanes;
    }

    /**
     * Marks a lane's data loaded and claims the indexes and constraints that wait for nothing else; none when this
     * was the last lane loading.
     */
    synchronized List<Entry> laneLoaded(List<Entry> lane) {
        lane.forEach(entry -> loaded.add(entry.dumpId()));
        lanesLoading--;
        if (lanesLoading <= 0) {
            return List.of();
        }
        List<Entry> ready = entries.stream().filter(e -> !claimed.contains(e.dumpId()) && EARLY.contains(e.desc())
                && !e.dependencies().isEmpty() && e.dependencies().stream().allMatch(this::isLoadedTable)).toList();
        ready.forEach(e -> claimed.add(e.dumpId()));
        return ready;
    }

    private boolean isLoadedTable(int dumpId) {
        Integer data = dataOfTable.get(dumpId);
        return data != null && loaded.contains(data);
    }

    /** The entries not claimed early, in archive order. */
    synchronized List<Entry> rest() {
        return entries.stream().filter(e -> !claimed.contains(e.dumpId())).toList();
    }
}
