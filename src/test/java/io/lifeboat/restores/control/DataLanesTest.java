package io.lifeboat.restores.control;

import io.lifeboat.archives.control.TableOfContents;
import io.lifeboat.backups.entity.Manifest.TableRows;
import io.lifeboat.archives.control.TableOfContents.Entry;
import io.lifeboat.archives.control.TableOfContents.Section;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataLanesTest {

    private static final Entry ORDERS = data(10, "orders");
    private static final Entry ACCOUNTS = data(11, "accounts");
    private static final Entry NOTES = data(12, "notes");
    private static final Entry TAGS = data(13, "tags");
    private static final Entry SEQUENCE = new Entry(14, "SEQUENCE SET", "public", "orders_id_seq", Section.DATA, false, List.of());
    private static final Entry BLOBS = new Entry(15, "BLOBS", "", "BLOBS", Section.DATA, true, List.of());

    private static final List<TableRows> ROWS = List.of(rows("orders", 400), rows("accounts", 1000),
            rows("notes", 300), rows("tags", 5));

    @Test
    void theLargestTablesGoFirstEachToTheLightestLaneAndEveryLaneKeepsTheArchiveOrder() {
        var lanes = DataLanes.split(List.of(ORDERS, ACCOUNTS, NOTES, TAGS, SEQUENCE, BLOBS), ROWS, 2);

        // accounts 1000 | orders 400, then notes 300 joins orders (700), tags 5 and the large objects too
        assertEquals(List.of(List.of(ACCOUNTS, SEQUENCE), List.of(ORDERS, NOTES, TAGS, BLOBS)), lanes.lanes());
    }

    @Test
    void theSmallestTablesJoinTheLaneThatReadsPastThem() {
        var lanes = DataLanes.split(List.of(ORDERS, ACCOUNTS, TAGS), ROWS, 2);

        // the 5 rows of tags come after accounts in the archive: the orders lane would read past accounts for them
        assertEquals(List.of(List.of(ACCOUNTS, TAGS), List.of(ORDERS)), lanes.lanes());
    }

    @Test
    void manyTablesOfOneSizeShareTheLanesEvenly() {
        List<Entry> tables = new ArrayList<>();
        List<TableRows> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tables.add(data(100 + i, "t" + i));
            rows.add(rows("t" + i, 10));
        }

        var lanes = DataLanes.split(tables, rows, 2);

        assertEquals(200, lanes.lanes().get(0).size() + lanes.lanes().get(1).size());
        assertTrue(Math.abs(lanes.lanes().get(0).size() - lanes.lanes().get(1).size()) <= 2, lanes.toString());
    }

    @Test
    void oneLaneTakesTheWholeDataSectionInArchiveOrder() {
        var lanes = DataLanes.split(List.of(ORDERS, ACCOUNTS, SEQUENCE, NOTES), ROWS, 1);

        assertEquals(List.of(List.of(ORDERS, ACCOUNTS, SEQUENCE, NOTES)), lanes.lanes());
    }

    @Test
    void moreLanesThanTablesLeaveNoEmptyLane() {
        var lanes = DataLanes.split(List.of(ORDERS, ACCOUNTS), ROWS, 4);

        assertEquals(List.of(List.of(ACCOUNTS), List.of(ORDERS)), lanes.lanes());
    }

    @Test
    void tablesTheManifestDoesNotCountStillGetALane() {
        var lanes = DataLanes.split(List.of(ORDERS, ACCOUNTS, NOTES), List.of(), 2);

        assertEquals(3, lanes.lanes().stream().mapToInt(List::size).sum());
        assertEquals(2, lanes.lanes().size());
    }

    @Test
    void aDatabaseWithoutDataHasOnlyItsSequenceValuesToSet() {
        assertEquals(List.of(List.of(SEQUENCE)), DataLanes.split(List.of(SEQUENCE), ROWS, 2).lanes());
        assertEquals(List.of(), DataLanes.split(List.of(), ROWS, 2).lanes());
        assertThrows(IllegalArgumentException.class, () -> DataLanes.split(List.of(ORDERS), ROWS, 0));
    }

    private static Entry data(int dumpId, String table) {
        return new Entry(dumpId, "TABLE DATA", "public", table, Section.DATA, true, List.of());
    }

    private static TableRows rows(String table, long rows) {
        return new TableRows("public", table, rows);
    }
}
