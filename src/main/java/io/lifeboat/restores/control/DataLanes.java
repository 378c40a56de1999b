package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.restores.control.TableOfContents.Entry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data section of an archive split into lanes that load side by side, each a pg_restore of its own reading the
 * archive as a stream. A stream can only be read in order, so every lane is fixed before loading starts: the
 * largest tables first, each to the lane with the fewest rows so far (rows as the manifest counted them). Entries of
 * the data section without a data block (sequence values) go to the first lane.
 *
 * @param lanes the entries of each lane, in archive order; no lane is empty
 */
record DataLanes(List<List<Entry>> lanes) {

    static DataLanes split(List<Entry> dataSection, List<Manifest.TableRows> tables, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one lane, not " + count);
        }
        Map<String, Long> rows = new HashMap<>();
        for (Manifest.TableRows table : tables) {
            rows.put(table.schema() + "." + table.table(), table.rows());
        }
        List<Entry> largestFirst = dataSection.stream().filter(Entry::hasData)
                .sorted(Comparator.comparingLong((Entry e) -> weight(e, rows)).reversed()).toList();
        long[] load = new long[count];
        List<Set<Integer>> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(new HashSet<>());
        }
        for (Entry entry : largestFirst) {
            int lightest = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            load[lightest] += weight(entry, rows);
            chosen.get(lightest).add(entry.dumpId());
        }
        List<List<Entry>> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean first = i == 0;
            Set<Integer> mine = chosen.get(i);
            List<Entry> lane = dataSection.stream()
                    .filter(e -> mine.contains(e.dumpId()) || first && !e.hasData()).toList();
            if (!lane.isEmpty()) {
                lanes.add(lane);
            }
        }
        return new DataLanes(List.copyOf(lanes));
    }

    /** Rows plus one, so that empty tables and large objects count too. */
    private static long weight(Entry entry, Map<String, Long> rows) {
        return rows.getOrDefault(entry.namespace() + "." + entry.tag(), 0L) + 1;
    }
}
