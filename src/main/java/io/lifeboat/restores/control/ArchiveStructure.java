package io.lifeboat.restores.control;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of a pg_dump custom archive, read in one pass while it is copied with its data in large chunks:
 * where each table of contents entry keeps the offset of its data, and where each data block starts in the copy.
 * The layout follows PostgreSQL's pg_backup_archiver.c
 * (header, table of contents) and pg_backup_custom.c (offsets, data blocks) for archive versions 1.12 to 1.16
 * (PostgreSQL 9.0 to 17); anything else is an {@link UnexpectedArchiveException}.
 *
 * @param offsetSize  bytes of an offset after its flag byte
 * @param offsets     the offset field of every table of contents entry, in file order
 * @param dataBlocks  where the data block of each dump id starts in the copy (its block type byte)
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
    static final int CHUNK = 1024 * 1024;

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

    /**
     * Reads the whole archive and copies it: the header and table of contents as they are, the data blocks with
     * their chunks joined. An {@link UnexpectedArchiveException} while {@link ArchiveInput#copying()} means nothing
     * was changed yet; after that, the data section is damaged.
     */
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
        return new ArchiveStructure(offsetSize, offsets, copyDataBlocks(in));
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

    /**
     * Copies the data blocks, each with its chunks joined into chunks of up to {@link #CHUNK} bytes: pg_dump writes
     * every row of a table as a chunk of its own, and pg_restore pays for each chunk (a read, a seek when it looks
     * for a block, a message to the server). The bytes of the data are unchanged. Returns where each block starts
     * in the copy.
     */
    private static Map<Integer, Long> copyDataBlocks(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        Map<Integer, Long> blocks = new HashMap<>();
        var out = new BlockWriter(in.copy(), in.intSize(), in.position());
        in.stopCopying();
        while (true) {
            long position = in.position();
            int type = in.readByteOrEnd();
            if (type < 0) {
                out.flush();
                return blocks;
            }
            int dumpId = (int) in.readInt();
            if (blocks.putIfAbsent(dumpId, out.position()) != null) {
                throw new UnexpectedArchiveException("two data blocks for entry " + dumpId);
            }
            switch (type) {
                case BLOCK_DATA -> {
                    out.header(type, dumpId);
                    copyChunks(in, out);
                }
                case BLOCK_LARGE_OBJECTS -> {
                    out.header(type, dumpId);
                    long oid;
                    while ((oid = in.readInt()) != 0) {
                        out.integer(oid);
                        copyChunks(in, out);
                    }
                    out.integer(0);
                }
                default -> throw new UnexpectedArchiveException("data block type " + type + " at " + position);
            }
        }
    }

    private static void copyChunks(ArchiveInput in, BlockWriter out) throws IOException, UnexpectedArchiveException {
        long length;
        while ((length = in.readInt()) != 0) {
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw new UnexpectedArchiveException("a data chunk of " + length + " bytes");
            }
            out.chunk(in, (int) length);
        }
        out.endOfChunks();
    }

    /** Writes data blocks as pg_dump does, joining the chunks it is given into chunks of up to {@link #CHUNK}. */
    private static final class BlockWriter {
        private final OutputStream out;
        private final int intSize;
        private final byte[] chunk = new byte[CHUNK];
        private final byte[] integer;
        private int filled;
        private long position;

        BlockWriter(OutputStream out, int intSize, long position) {
            this.out = out;
            this.intSize = intSize;
            this.integer = new byte[1 + intSize];
            this.position = position;
        }

        long position() {
            return position;
        }

        void header(int type, int dumpId) throws IOException {
            write(new byte[]{(byte) type}, 1);
            integer(dumpId);
        }

        void chunk(ArchiveInput in, int length) throws IOException, UnexpectedArchiveException {
            int left = length;
            while (left > 0) {
                int step = Math.min(left, CHUNK - filled);
                in.readFully(chunk, filled, step);
                filled += step;
                left -= step;
                if (filled == CHUNK) {
                    writeChunk();
                }
            }
        }

        void endOfChunks() throws IOException {
            writeChunk();
            integer(0);
        }

        /** An integer as pg_dump writes it: a sign byte, then {@code intSize} bytes, least significant first. */
        void integer(long value) throws IOException {
            long magnitude = Math.abs(value);
            integer[0] = (byte) (value < 0 ? 1 : 0);
            for (int i = 0; i < intSize; i++) {
                integer[1 + i] = (byte) (magnitude >>> (8 * i));
            }
            write(integer, integer.length);
        }

        void flush() throws IOException {
            out.flush();
        }

        private void writeChunk() throws IOException {
            if (filled > 0) {
                integer(filled);
                write(chunk, filled);
                filled = 0;
            }
        }

        private void write(byte[] bytes, int length) throws IOException {
            out.write(bytes, 0, length);
            position += length;
        }
    }
}
