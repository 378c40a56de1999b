package io.lifeboat.restores.control;

import io.lifeboat.archives.control.TableOfContents;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.archives.control.TableOfContents.Entry;

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
 * largest tables first, each to the lane with the fewest rows so far (rows as the manifest counted them). The
 * smallest tables, together up to {@value #LIGHT_PERCENT} % of all rows, join the lane of the table before them in
 * the archive, which reads past them anyway, so that no lane reads far into the archive for a few rows. Entries of
 * the data section without a data block (sequence values) go to the first lane.
 *
 * @param lanes the entries of each lane, in archive order; no lane is empty
 */
record DataLanes(List<List<Entry>> lanes) {

    static final int LIGHT_PERCENT = 1;

    static DataLanes split(List<Entry> dataSection, List<Manifest.TableRows> tables, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one lane, not " + count);
        }
        Map<String, Long> rows = new HashMap<>();
        for (Manifest.TableRows table : tables) {
            rows.put(table.schema() + "." + table.table(), table.rows());
        }
        List<Entry> withData = dataSection.stream().filter(Entry::hasData).toList();
        Set<Integer> light = lightest(withData, rows);
        Map<Integer, Integer> laneOf = new HashMap<>();
        long[] load = new long[count];
        withData.stream().filter(e -> !light.contains(e.dumpId()))
                .sorted(Comparator.comparingLong((Entry e) -> weight(e, rows)).reversed())
                .forEach(entry -> {
                    int lightest = 0;
                    for (int i = 1; i < count; i++) {
                        if (load[i] < load[lightest]) {
                            lightest = i;
                        }
                    }
                    load[lightest] += weight(entry, rows);
                    laneOf.put(entry.dumpId(), lightest);
                });
        int previous = 0;
        for (Entry entry : withData) {
            if (light.contains(entry.dumpId())) {
                laneOf.put(entry.dumpId(), previous);
            } else {
                previous = laneOf.get(entry.dumpId());
            }
        }
        List<List<Entry>> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int lane = i;
            List<Entry> mine = dataSection.stream().filter(e -> e.hasData() ? laneOf.get(e.dumpId()) == lane
                    : lane == 0).toList();
            if (!mine.isEmpty()) {
                lanes.add(mine);
            }
        }
        return new DataLanes(List.copyOf(lanes));
    }

    /** The smallest entries that together weigh at most {@value #LIGHT_PERCENT} % of all. */
    private static Set<Integer> lightest(List<Entry> entries, Map<String, Long> rows) {
        long total = entries.stream().mapToLong(e -> weight(e, rows)).sum();
        Set<Integer> light = new HashSet<>();
        long sum = 0;
        for (Entry entry : entries.stream().sorted(Comparator.comparingLong(e -> weight(e, rows))).toList()) {
            sum += weight(entry, rows);
            if (sum * 100 > total * LIGHT_PERCENT) {
                break;
            }
            light.add(entry.dumpId());
        }
        return light;
    }

    /** Rows plus one, so that empty tables and large objects count too. */
    private static long weight(Entry entry, Map<String, Long> rows) {
        return rows.getOrDefault(entry.namespace() + "." + entry.tag(), 0L) + 1;
    }
}
