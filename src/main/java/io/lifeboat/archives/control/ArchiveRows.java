package io.lifeboat.archives.control;

import io.lifeboat.archives.control.TableOfContents.Entry;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The rows of every table whose data an uncompressed custom archive holds, counted from its data blocks while it
 * streams by: the rows pg_dump wrote, in the dump's own snapshot, without reading the database a second time.
 *
 * @param tables           rows by table
 * @param uncountedBecause  why the rows could not be counted (and {@code tables} is empty), or null
 */
public record ArchiveRows(Map<Table, Long> tables, String uncountedBecause) {

    private static final String TABLE_DATA = "TABLE DATA";

    public ArchiveRows {
        tables = Map.copyOf(tables);
    }

    /** A table by schema and name. */
    public record Table(String schema, String name) {
    }

    /** Reads the archive from its start to its end and counts the rows of each table's data. */
    public static ArchiveRows count(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        TableOfContents toc = TableOfContents.read(in);
        Map<Integer, Long> rows = DataBlocks.countRows(in);
        Map<Table, Long> tables = new HashMap<>();
        for (Entry entry : toc.entries()) {
            if (entry.hasData() && TABLE_DATA.equals(entry.desc())) {
                Long counted = rows.get(entry.dumpId());
                if (counted == null) {
                    throw new UnexpectedArchiveException("no data block for entry " + entry.dumpId());
                }
                tables.put(new Table(entry.namespace(), entry.tag()), counted);
            }
        }
        return new ArchiveRows(tables, null);
    }

    /** No rows counted, for this reason. */
    public static ArchiveRows uncounted(String because) {
        return new ArchiveRows(Map.of(), because);
    }

    /** The rows of this table, or empty when the archive holds no data of it. */
    public OptionalLong rows(String schema, String table) {
        Long rows = tables.get(new Table(schema, table));
        return rows == null ? OptionalLong.empty() : OptionalLong.of(rows);
    }
}
