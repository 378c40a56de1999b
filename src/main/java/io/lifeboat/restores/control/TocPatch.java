package io.lifeboat.restores.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data offsets of a copied custom archive: for every table of contents entry whose data block was found, the
 * flag "offset set" and where the block starts in the copy, written over the entry's offset field. An archive
 * written into a pipe lacks them, and the copy's joined chunks move every block, so parallel pg_restore workers
 * seek straight to their table's data instead of walking the file block by block.
 *
 * @param offsetSize bytes of an offset after its flag byte
 * @param fields     the offset fields to write
 */
record TocPatch(int offsetSize, List<Field> fields) {

    /** One entry's offset field: where it is in the file and the offset of the entry's data block. */
    record Field(long position, long dataOffset) {
    }

    /** The patch of an archive's structure; refuses data blocks without an entry that expects data. */
    static TocPatch of(ArchiveStructure archive) throws UnexpectedArchiveException {
        Set<Integer> expectingData = new HashSet<>();
        List<Field> fields = new ArrayList<>();
        for (ArchiveStructure.OffsetField field : archive.offsets()) {
            if (field.flag() == ArchiveStructure.OFFSET_NO_DATA) {
                continue;
            }
            expectingData.add(field.dumpId());
            Long block = archive.dataBlocks().get(field.dumpId());
            if (block != null) { // set or not, the offset is where the block starts in the copy
                fields.add(new Field(field.position(), block));
            }
        }
        for (Integer dumpId : archive.dataBlocks().keySet()) {
            if (!expectingData.contains(dumpId)) {
                throw new UnexpectedArchiveException("a data block for entry " + dumpId
                        + ", which has no data in the table of contents");
            }
        }
        return new TocPatch(archive.offsetSize(), List.copyOf(fields));
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Writes the offsets into the archive file, in place. */
    void applyTo(Path archive) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ByteBuffer field = ByteBuffer.allocate(1 + offsetSize);
            for (Field f : fields) {
                field.clear();
                field.put((byte) ArchiveStructure.OFFSET_SET);
                long offset = f.dataOffset();
                for (int i = 0; i < offsetSize; i++) {
                    field.put((byte) (offset & 0xFF));
                    offset >>>= 8;
                }
                field.flip();
                while (field.hasRemaining()) {
                    channel.write(field, f.position() + field.position());
                }
            }
        }
    }
}
