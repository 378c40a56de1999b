package io.lifeboat.restores.control;

import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.DatabaseComparison;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A custom archive that pg_dump wrote into a pipe, staged by Lifeboat, has the same table of contents, byte for
 * byte, as the archive pg_dump writes into a file, and restores in parallel to the same data; anything the reader
 * does not expect is staged unchanged.
 */
class ArchiveOffsetsTest {

    static TestDatabase db;
    static String source;

    @TempDir
    static Path dumps;
    static Path piped;
    static Path written;

    @TempDir
    Path work;

    @BeforeAll
    static void dumpIntoAPipeAndIntoAFile() throws URISyntaxException {
        db = TestDatabase.get();
        source = db.createDatabase("offsets");
        ClientTools.runSqlFile(db, source, Path.of(Objects.requireNonNull(
                ArchiveOffsetsTest.class.getResource("/fixtures/rich.sql")).toURI()));
        db.execute(source, """
                CREATE TABLE public.readings (id bigint PRIMARY KEY, taken timestamptz, note text);
                INSERT INTO public.readings SELECT i, now() - i * interval '1 minute', repeat(md5(i::text), 8)
                  FROM generate_series(1, 20000) i;
                CREATE TABLE public.empty_one (id int);
                """);
        piped = dumps.resolve("piped.pgc");
        written = dumps.resolve("written.pgc");
        ClientTools.pipe(db, dump(), List.of("cat"), piped);
        List<String> toFile = new ArrayList<>(dump());
        toFile.addAll(List.of("-f", written.toString()));
        ClientTools.run(db, toFile);
    }

    static List<String> dump() {
        List<String> command = new ArrayList<>(List.of(ClientTools.bin("pg_dump").toString(), "-Fc", "-Z0"));
        command.addAll(ClientTools.connection(db, source));
        return command;
    }

    @Test
    void thePipedArchiveLacksTheOffsetsTheWrittenOneHas() throws Exception {
        var pipedStructure = structure(piped);
        var writtenStructure = structure(written);

        assertTrue(pipedStructure.offsets().stream().noneMatch(f -> f.flag() == ArchiveStructure.OFFSET_SET),
                "pg_dump writing into a pipe sets no offset");
        assertTrue(writtenStructure.offsets().stream().filter(f -> f.flag() == ArchiveStructure.OFFSET_SET)
                .count() >= 12, "tables, partitions and large objects have their data offsets set");
        assertEquals(pipedStructure.dataBlocks(), writtenStructure.dataBlocks(), "the same data in the same places");
    }

    @Test
    void theStagedArchiveHasItsDataInLargeChunksAndTheOffsetsToIt() throws Exception {
        Path staged = Files.createFile(work.resolve("staged.pgc"));

        var indexing = copy(piped, staged, true);

        var stagedStructure = structure(staged);
        long withData = stagedStructure.offsets().stream().filter(f -> f.flag() != ArchiveStructure.OFFSET_NO_DATA)
                .count();
        assertEquals(withData, assertInstanceOf(WorkFileCopy.Indexed.class, indexing).entries());
        byte[] bytes = Files.readAllBytes(staged);
        for (var field : stagedStructure.offsets()) {
            if (field.flag() != ArchiveStructure.OFFSET_NO_DATA) {
                assertEquals(ArchiveStructure.OFFSET_SET, field.flag(), "the offset of " + field + " is set");
                assertEquals(stagedStructure.dataBlocks().get(field.dumpId()), field.offset(), "of " + field);
                byte type = bytes[(int) field.offset()];
                assertTrue(type == 1 || type == 3, "a data block starts at the offset of " + field);
                assertEquals(field.dumpId(), bytes[(int) field.offset() + 2] & 0xFF
                        | (bytes[(int) field.offset() + 3] & 0xFF) << 8, "of entry " + field.dumpId());
            }
        }
        assertEquals(withoutHeader(list(written)), withoutHeader(list(staged)), "the same table of contents");
        assertTrue(Files.size(piped) - Files.size(staged) >= 20_000 * 5L, "the 20 000 rows of readings, a chunk each "
                + "in pg_dump's archive, share a few chunks: " + Files.size(piped) + " -> " + Files.size(staged));

        Path again = Files.createFile(work.resolve("again.pgc"));
        copy(staged, again, true);
        assertArrayEquals(bytes, Files.readAllBytes(again), "staging a staged archive changes nothing: its chunks "
                + "are already as large as they get");
    }

    @Test
    void theStagedArchiveRestoresInParallel() throws Exception {
        Path staged = Files.createFile(work.resolve("staged.pgc"));
        copy(piped, staged, true);
        String restored = db.createDatabase("offsets_restored");

        List<String> restore = new ArrayList<>(List.of(ClientTools.bin("pg_restore").toString(), "--exit-on-error",
                "-j", "2"));
        restore.addAll(ClientTools.connection(db, restored));
        restore.add(staged.toString());
        ClientTools.run(db, restore);

        DatabaseComparison.assertSameContent(db, source, restored);
    }

    @Test
    void anArchiveOfAnUnknownVersionIsStagedUnchanged() throws Exception {
        byte[] archive = Files.readAllBytes(piped);
        archive[6] = 99;

        assertStagedUnchanged(archive, "archive version 1.99");
    }

    @Test
    void anArchiveTruncatedInItsDataIsDamaged() throws Exception {
        byte[] archive = Files.readAllBytes(piped);

        assertDamaged(Arrays.copyOf(archive, archive.length - 1000), "ends");
    }

    @Test
    void anArchiveWithAnUnknownBlockIsDamaged() throws Exception {
        byte[] archive = Files.readAllBytes(piped);
        // the first block starts right after the table of contents, in the archive and in its copy alike
        long firstBlock = structure(piped).dataBlocks().values().stream().min(Long::compare).orElseThrow();
        archive[(int) firstBlock] = 7;

        assertDamaged(archive, "data block type 7");
    }

    @Test
    void anArchiveTruncatedInItsTableOfContentsIsStagedUnchanged() throws Exception {
        byte[] archive = Files.readAllBytes(piped);
        int tableOfContents = (int) structure(piped).offsets().get(0).position();

        assertStagedUnchanged(Arrays.copyOf(archive, tableOfContents + 10), "ends");
    }

    @Test
    void bytesThatAreNoArchiveAreStagedUnchangedAcrossManyBuffers() throws Exception {
        byte[] noise = new byte[9 * 1024 * 1024 + 17];
        new Random(42).nextBytes(noise);

        assertStagedUnchanged(noise, "no PGDMP signature");
    }

    @Test
    void aPlainDumpIsCopiedAsItIs() throws Exception {
        byte[] sql = "SELECT 1;\n".repeat(300_000).getBytes();
        Path staged = Files.createFile(work.resolve("plain.sql"));

        var indexing = WorkFileCopy.copy(new ByteArrayInputStream(sql), staged, false);

        assertInstanceOf(WorkFileCopy.Unchanged.class, indexing);
        assertArrayEquals(sql, Files.readAllBytes(staged));
    }

    private void assertDamaged(byte[] archive, String reason) throws IOException {
        Path staged = Files.createFile(work.resolve("damaged.pgc"));

        var e = assertThrows(WorkFileCopy.DamagedArchiveException.class,
                () -> WorkFileCopy.copy(new ByteArrayInputStream(archive), staged, true));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private void assertStagedUnchanged(byte[] archive, String reason) throws IOException {
        Path staged = Files.createFile(work.resolve("unchanged.pgc"));

        var indexing = WorkFileCopy.copy(new ByteArrayInputStream(archive), staged, true);

        var unchanged = assertInstanceOf(WorkFileCopy.Unchanged.class, indexing);
        assertTrue(unchanged.reason().contains(reason), unchanged.reason());
        assertArrayEquals(archive, Files.readAllBytes(staged));
    }

    private static WorkFileCopy.Indexing copy(Path from, Path to, boolean custom) throws IOException {
        try (InputStream in = Files.newInputStream(from)) {
            return WorkFileCopy.copy(in, to, custom);
        }
    }

    static ArchiveStructure structure(Path archive) throws IOException, UnexpectedArchiveException {
        try (InputStream in = Files.newInputStream(archive)) {
            return ArchiveStructure.read(new ArchiveInput(in, OutputStream.nullOutputStream()));
        }
    }

    private static byte[] from(Path file, long position) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) position, all.length);
    }

    private static String list(Path archive) {
        return ClientTools.run(db, List.of(ClientTools.bin("pg_restore").toString(), "-l", archive.toString()));
    }

    private static List<String> withoutHeader(String listing) {
        return listing.lines().filter(line -> !line.startsWith(";")).toList();
    }
}
