package io.lifeboat.archives.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header and table of contents of a pg_dump custom archive, as PostgreSQL's pg_backup_archiver.c writes them for
 * archive versions 1.12 to 1.16 (PostgreSQL 9.0 to 17); anything else is an {@link UnexpectedArchiveException}. The
 * data blocks follow it (see {@link DataBlocks}).
 *
 * @param entries every entry, in archive order, with the section pg_restore gives it
 */
public record TableOfContents(List<Entry> entries) {

    static final int OFFSET_NO_DATA = 3;
    public static final String NOT_AN_ARCHIVE = "no PGDMP signature";

    private static final byte[] MAGIC = {'P', 'G', 'D', 'M', 'P'};
    private static final int FORMAT_CUSTOM = 1;
    private static final int OLDEST_MINOR = 12;
    private static final int NEWEST_MINOR = 16;
    private static final int SHORT_STRING = 1024;
    private static final int NAME = 64 * 1024;

    /** pg_dump's sections; entries of {@link #NONE} belong to the section of the entries before them. */
    public enum Section {
        NONE, PRE_DATA, DATA, POST_DATA;

        static Section of(long code) throws UnexpectedArchiveException {
            if (code < 1 || code > values().length) {
                throw new UnexpectedArchiveException("section " + code);
            }
            return values()[(int) code - 1];
        }
    }

    /**
     * One entry.
     *
     * @param dumpId    its dump id
     * @param desc      what it is: TABLE, TABLE DATA, BLOBS, SEQUENCE SET, INDEX...
     * @param namespace its schema, or "" for none
     * @param tag       its name
     * @param section   the section pg_restore restores it in: its own, or for {@link Section#NONE} the one before
     * @param hasData   whether a data block belongs to it
     * @param dependencies the dump ids of the entries it depends on
     */
    public record Entry(int dumpId, String desc, String namespace, String tag, Section section, boolean hasData,
                 List<Integer> dependencies) {
        public Entry {
            dependencies = List.copyOf(dependencies);
        }
    }

    /** The entries of the data section, in archive order. */
    public List<Entry> dataSection() {
        return entries.stream().filter(e -> e.section() == Section.DATA).toList();
    }

    /**
     * Reads the header and the table of contents, leaving {@code in} at the first data block. Sets the reader's
     * integer size as the header gives it.
     */
    public static TableOfContents read(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        int minor = readHeader(in);
        int offsetSize = in.readByte();
        if (offsetSize < 4 || offsetSize > 8) {
            throw new UnexpectedArchiveException("offsets of " + offsetSize + " bytes");
        }
        int format = in.readByte();
        if (format != FORMAT_CUSTOM) {
            throw new UnexpectedArchiveException("archive format " + format + " instead of custom");
        }
        if (minor >= 15) {
            in.readByte();
        } else {
            in.readInt();
        }
        for (int i = 0; i < 7; i++) {
            in.readInt();
        }
        skipStrings(in, 3);
        return new TableOfContents(readEntries(in, minor, offsetSize));
    }

    private static int readHeader(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        byte[] magic = in.readBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new UnexpectedArchiveException(NOT_AN_ARCHIVE);
        }
        int major = in.readByte();
        int minor = in.readByte();
        in.readByte();
        if (major != 1 || minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            throw new UnexpectedArchiveException("archive version " + major + "." + minor);
        }
        int intSize = in.readByte();
        if (intSize < 1 || intSize > 8) {
            throw new UnexpectedArchiveException("integers of " + intSize + " bytes");
        }
        in.intSize(intSize);
        return minor;
    }

    private static List<Entry> readEntries(ArchiveInput in, int minor, int offsetSize)
            throws IOException, UnexpectedArchiveException {
        long count = in.readInt();
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new UnexpectedArchiveException("a table of contents of " + count + " entries");
        }
        List<Entry> entries = new ArrayList<>();
        Section current = Section.PRE_DATA;
        for (long i = 0; i < count; i++) {
            int dumpId = (int) in.readInt();
            in.readInt();
            skipStrings(in, 2);
            String tag = orEmpty(in.readString(NAME));
            String desc = orEmpty(in.readString(SHORT_STRING));
            Section own = Section.of(in.readInt());
            skipStrings(in, 3);
            String namespace = orEmpty(in.readString(NAME));
            skipStrings(in, minor >= 14 ? 2 : 1);
            if (minor >= 16) {
                in.readInt();
            }
            skipStrings(in, 1);
            String withOids = in.readString(SHORT_STRING);
            if (!"false".equals(withOids)) {
                throw new UnexpectedArchiveException("entry " + dumpId + " has '" + withOids + "' for WITH OIDS");
            }
            List<Integer> dependencies = new ArrayList<>();
            String dependency;
            while ((dependency = in.readString(SHORT_STRING)) != null) {
                dependencies.add(dumpId(dependency, dumpId));
            }
            int flag = in.readByte();
            if (flag < 1 || flag > OFFSET_NO_DATA) {
                throw new UnexpectedArchiveException("offset flag " + flag + " in entry " + dumpId);
            }
            in.unsigned(offsetSize);
            if (own != Section.NONE) {
                current = own;
            }
            entries.add(new Entry(dumpId, desc, namespace, tag, current, flag != OFFSET_NO_DATA, dependencies));
        }
        return List.copyOf(entries);
    }

    private static int dumpId(String dependency, int of) throws UnexpectedArchiveException {
        try {
            return Integer.parseInt(dependency.strip());
        } catch (NumberFormatException e) {
            throw new UnexpectedArchiveException("entry " + of + " depends on '" + dependency + "'");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void skipStrings(ArchiveInput in, int count) throws IOException, UnexpectedArchiveException {
        for (int i = 0; i < count; i++) {
            in.skipString();
        }
    }
}
