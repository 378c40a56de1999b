package io.lifeboat.archives.control;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The data blocks after a custom archive's table of contents (PostgreSQL's pg_backup_custom.c): their rows counted
 * (a backup), or copied for some of their entries with the chunks of each block joined into chunks of up to
 * {@link #CHUNK} bytes (a restore stream). pg_dump writes every row of a table as a chunk of its own, and pg_restore
 * pays for each chunk (a read, a message to the server). The bytes of the data are unchanged. Blocks of other entries
 * are read past, and the copy ends after the last block asked for.
 */
public final class DataBlocks {

    static final int CHUNK = 1024 * 1024;
    private static final int BLOCK_DATA = 1;
    private static final int BLOCK_LARGE_OBJECTS = 3;
    private static final int SMALL_CHUNK = 16;
    /** What pg_dump writes after a table's rows: COPY's end-of-data marker (an escaped row never starts so). */
    private static final byte[] END_OF_COPY = {'\\', '.', '\n'};

    private DataBlocks() {
    }

    /**
     * Reads the blocks from {@code in}, which stands at the first one, and writes those of {@code wanted} entries to
     * {@code out}.
     *
     * @throws UnexpectedArchiveException the archive ends before the last wanted block, or a block is not laid out
     *                                    as pg_dump writes it: the data section is damaged
     */
    public static void copy(ArchiveInput in, Set<Integer> wanted, OutputStream out) throws IOException,
            UnexpectedArchiveException {
        var writer = new BlockWriter(out, in.intSize());
        Set<Integer> seen = new HashSet<>();
        int left = wanted.size();
        while (left > 0) {
            Block block = nextBlock(in, seen);
            if (block == null) {
                throw new UnexpectedArchiveException("the archive ends before the data of " + left + " entries");
            }
            BlockWriter target = null;
            if (wanted.contains(block.dumpId())) {
                target = writer;
                target.header(block.type(), block.dumpId());
                left--;
            }
            if (block.type() == BLOCK_DATA) {
                copyChunks(in, target);
            } else {
                copyLargeObjects(in, target);
            }
        }
        out.flush();
    }

    /**
     * Reads every block from {@code in}, which stands at the first one, to the end of the archive, and counts the
     * chunks of each data block: pg_dump without compression writes every row it gets from COPY (one row a message,
     * as the protocol promises) as a chunk of its own, and then COPY's end-of-data marker, which is not a row.
     *
     * @return the number of rows by dump id
     * @throws UnexpectedArchiveException a block is not laid out as pg_dump writes it, or a chunk does not end a row
     *                                    (a compressed archive)
     */
    public static Map<Integer, Long> countRows(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        Map<Integer, Long> rows = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        Block block;
        while ((block = nextBlock(in, seen)) != null) {
            if (block.type() == BLOCK_DATA) {
                rows.put(block.dumpId(), countRowChunks(in));
            } else {
                copyLargeObjects(in, null);
            }
        }
        return rows;
    }

    private static long countRowChunks(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        long rows = 0;
        int length;
        byte[] small = new byte[SMALL_CHUNK];
        while ((length = nextChunk(in)) != 0) {
            int last;
            if (length <= SMALL_CHUNK) {
                in.readFully(small, 0, length);
                if (startsWith(small, length, END_OF_COPY)) {
                    continue;
                }
                last = small[length - 1];
            } else {
                in.skip(length - 1);
                last = in.readByte();
            }
            if (last != '\n') {
                throw new UnexpectedArchiveException("a data chunk that does not end a row");
            }
            rows++;
        }
        return rows;
    }

    /** The length of the block's next chunk, or 0 after its last one. */
    private static int nextChunk(ArchiveInput in) throws IOException, UnexpectedArchiveException {
        long length = in.readInt();
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new UnexpectedArchiveException("a data chunk of " + length + " bytes");
        }
        return (int) length;
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A data block's type and entry. */
    private record Block(int type, int dumpId) {
    }

    /**
     * The header of the next block, or null at the end of the archive.
     *
     * @throws UnexpectedArchiveException a block of an unknown type, or a second block of an entry in {@code seen}
     */
    private static Block nextBlock(ArchiveInput in, Set<Integer> seen) throws IOException,
            UnexpectedArchiveException {
        long position = in.position();
        int type = in.readByteOrEnd();
        if (type < 0) {
            return null;
        }
        int dumpId = (int) in.readInt();
        if (type != BLOCK_DATA && type != BLOCK_LARGE_OBJECTS) {
            throw new UnexpectedArchiveException("data block type " + type + " at " + position);
        }
        if (!seen.add(dumpId)) {
            throw new UnexpectedArchiveException("two data blocks for entry " + dumpId);
        }
        return new Block(type, dumpId);
    }

    /** Copies a large-objects block's objects (each an oid and its chunks) to the target, or reads past them. */
    private static void copyLargeObjects(ArchiveInput in, BlockWriter target) throws IOException,
            UnexpectedArchiveException {
        long oid;
        while ((oid = in.readInt()) != 0) {
            if (target != null) {
                target.integer(oid);
            }
            copyChunks(in, target);
        }
        if (target != null) {
            target.integer(0);
        }
    }

    /** Copies one block's chunks to the target, or reads past them when there is none. */
    private static void copyChunks(ArchiveInput in, BlockWriter target) throws IOException,
            UnexpectedArchiveException {
        int length;
        while ((length = nextChunk(in)) != 0) {
            if (target == null) {
                in.skip(length);
            } else {
                target.chunk(in, length);
            }
        }
        if (target != null) {
            target.endOfChunks();
        }
    }

    /** Writes data blocks as pg_dump does, joining the chunks it is given into chunks of up to {@link #CHUNK}. */
    private static final class BlockWriter {
        private final OutputStream out;
        private final int intSize;
        private final byte[] chunk = new byte[CHUNK];
        private final byte[] integer;
        private int filled;

        BlockWriter(OutputStream out, int intSize) {
            this.out = out;
            this.intSize = intSize;
            this.integer = new byte[1 + intSize];
        }

        void header(int type, int dumpId) throws IOException {
            out.write(type);
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
            out.write(integer, 0, integer.length);
        }

        private void writeChunk() throws IOException {
            if (filled > 0) {
                integer(filled);
                out.write(chunk, 0, filled);
                filled = 0;
            }
        }
    }
}
