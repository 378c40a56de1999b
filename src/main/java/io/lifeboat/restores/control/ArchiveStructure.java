package io.lifeboat.restores.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of a pg_dump custom archive, read in one pass: where each table of contents entry keeps the offset
 * of its data, and where each data block really starts. The layout follows PostgreSQL's pg_backup_archiver.c
 * (header, table of contents) and pg_backup_custom.c (offsets, data blocks) for archive versions 1.12 to 1.16
 * (PostgreSQL 9.0 to 17); anything else is an {@link UnexpectedArchiveException}.
 *
 * @param offsetSize  bytes of an offset after its flag byte
 * @param offsets     the offset field of every table of contents entry, in file order
 * @param dataBlocks  where the data block of each dump id starts (its block type byte)
 */
record ArchiveStructure(int offsetSize, List<OffsetField> offsets, Map<Integer, Long> dataBlocks) {

    static final int OFFSET_NOT_SET = 1;
    static final int OFFSET_SET = 2;
    static final int OFFSET_NO_DATA = 3;

    private static final byte[] MAGIC = {'P', 'G', 'D', 'M', 'P'};
    private static final int FORMAT_CUSTOM = 1;
    private static final int OLDEST_MINOR = 12;
    private static final int NEWEST_MINOR = 16;
    private static final int BLOCK_DATA = 1;
    private static final int BLOCK_LARGE_OBJECTS = 3;
    private static final int SHORT_STRING = 1024;

    /**
     * The offset field of one table of contents entry.
     *
     * @param dumpId   the entry's dump id
     * @param position where its flag byte is in the file
     * @param flag     {@link #OFFSET_NOT_SET}, {@link #OFFSET_SET} or {@link #OFFSET_NO_DATA}
     * @param offset   the offset written after the flag (meaningful only when set)
     */
    record OffsetField(int dumpId, long position, int flag, long offset) {
    }

    /** Reads the whole archive; the input is at its end afterwards. */
    static ArchiveStructure read(ArchiveInput in) throws IOException, UnexpectedArchiveException {
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
        for (int i = 0; i < 3; i++) {
            in.skipString();
        }
        List<OffsetField> offsets = readTableOfContents(in, minor, offsetSize);
        return new ArchiveStructure(offsetSize, offsets, readDataBlocks(in));
    }

    private static int readHeader(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        byte[] magic = in.readBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new UnexpectedArchiveException("no PGDMP signature");
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

    private static List<OffsetField> readTableOfContents(ArchiveInput in, int minor, int offsetSize)
            throws IOException, UnexpectedArchiveException {
        long count = in.readInt();
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new UnexpectedArchiveException("a table of contents of " + count + " entries");
        }
        List<OffsetField> offsets = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            int dumpId = (int) in.readInt();
            in.readInt();
            skipStrings(in, 4);
            in.readInt();
            skipStrings(in, minor >= 14 ? 6 : 5);
            if (minor >= 16) {
                in.readInt();
            }
            skipStrings(in, 1);
            String withOids = in.readString(SHORT_STRING);
            if (!"false".equals(withOids)) {
                throw new UnexpectedArchiveException("entry " + dumpId + " has '" + withOids + "' for WITH OIDS");
            }
            while (in.skipString()) {
                // dependencies, up to the null string
            }
            long position = in.position();
            int flag = in.readByte();
            if (flag < OFFSET_NOT_SET || flag > OFFSET_NO_DATA) {
                throw new UnexpectedArchiveException("offset flag " + flag + " in entry " + dumpId);
            }
            offsets.add(new OffsetField(dumpId, position, flag, in.unsigned(offsetSize)));
        }
        return offsets;
    }

    private static void skipStrings(ArchiveInput in, int count) throws IOException, UnexpectedArchiveException {
        for (int i = 0; i < count; i++) {
            in.skipString();
        }
    }

    private static Map<Integer, Long> readDataBlocks(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        Map<Integer, Long> blocks = new HashMap<>();
        while (true) {
            long position = in.position();
            int type = in.readByteOrEnd();
            if (type < 0) {
                return blocks;
            }
            int dumpId = (int) in.readInt();
            if (blocks.putIfAbsent(dumpId, position) != null) {
                throw new UnexpectedArchiveException("two data blocks for entry " + dumpId);
            }
            switch (type) {
                case BLOCK_DATA -> skipChunks(in);
                case BLOCK_LARGE_OBJECTS -> {
                    while (in.readInt() != 0) {
                        skipChunks(in);
                    }
                }
                default -> throw new UnexpectedArchiveException("data block type " + type + " at " + position);
            }
        }
    }

    private static void skipChunks(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        long length;
        while ((length = in.readInt()) != 0) {
            if (length < 0) {
                throw new UnexpectedArchiveException("a data chunk of " + length + " bytes");
            }
            in.skip(length);
        }
    }
}
