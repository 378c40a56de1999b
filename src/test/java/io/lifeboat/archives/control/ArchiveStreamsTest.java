package io.lifeboat.archives.control;

import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.archives.control.TableOfContents.Entry;
import io.lifeboat.archives.control.TableOfContents.Section;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives pg_dump wrote into a pipe, read as they stream by: the table of contents is read as pg_restore lists it,
 * the rows of every table are counted while the archive is passed on unchanged, a stream with only some entries' data
 * (chunks joined) loads those tables and nothing else, and a damaged data section or bytes that are no archive are
 * told apart from an archive of another layout.
 */
class ArchiveStreamsTest {

    static TestDatabase db;
    static String source;

    @TempDir
    static Path dumps;
    static Path piped;

    @TempDir
    Path work;

    @BeforeAll
    static void dumpIntoAPipeAndIntoAFile() {
        db = TestDatabase.get();
        source = ClientTools.richDatabase(db, "offsets");
        db.execute(source, """
                CREATE TABLE public.readings (id bigint PRIMARY KEY, taken timestamptz, note text);
                INSERT INTO public.readings SELECT i, now() - i * interval '1 minute', repeat(md5(i::text), 8)
                  FROM generate_series(1, 20000) i;
                CREATE TABLE public.empty_one (id int);
                """);
        piped = dumps.resolve("piped.pgc");
        ClientTools.pipe(db, dump(), List.of("cat"), piped);
    }

    static List<String> dump() {
        List<String> command = new ArrayList<>(List.of(ClientTools.bin("pg_dump").toString(), "-Fc", "-Z0"));
        command.addAll(ClientTools.connection(db, source));
        return command;
    }

    @Test
    void theTableOfContentsIsReadAsPgRestoreListsIt() throws Exception {
        TableOfContents toc = tableOfContents(piped);

        List<String> listed = ClientTools.run(db, List.of(ClientTools.bin("pg_restore").toString(), "-l",
                piped.toString())).lines().filter(line -> !line.startsWith(";") && !line.isBlank()).toList();
        int unlisted = toc.entries().size() - listed.size();
        assertEquals(listed.stream().map(line -> line.substring(0, line.indexOf(';'))).toList(),
                toc.entries().stream().skip(unlisted).map(e -> String.valueOf(e.dumpId())).toList(),
                "the same entries in order");
        assertEquals(List.of("ENCODING", "STDSTRINGS", "SEARCHPATH"), toc.entries().stream().limit(3)
                .map(Entry::desc).toList(), "pg_restore -l leaves out the settings it always applies");
        var readings = toc.entries().stream().filter(e -> e.tag().startsWith("readings")).toList();
        assertEquals(List.of("TABLE", "TABLE DATA", "CONSTRAINT"), readings.stream().map(Entry::desc).toList());
        assertEquals(List.of(Section.PRE_DATA, Section.DATA, Section.POST_DATA),
                readings.stream().map(Entry::section).toList());
        assertEquals(List.of(false, true, false), readings.stream().map(Entry::hasData).toList());
        int table = readings.get(0).dumpId();
        assertEquals(List.of(table), readings.get(1).dependencies(), "the data depends on its table");
        assertEquals(List.of(table), readings.get(2).dependencies(), "the primary key on its table");
        assertTrue(readings.stream().allMatch(e -> e.namespace().equals("public")));
        assertTrue(toc.dataSection().stream().filter(Entry::hasData).count() >= 12,
                "tables, partitions and large objects have data: " + toc.dataSection());
        assertTrue(toc.dataSection().stream().anyMatch(e -> e.desc().equals("SEQUENCE SET") && !e.hasData()),
                "sequence values belong to the data section without a data block");
    }

    @Test
    void aStreamWithSomeEntriesDataLoadsThoseTablesOnly() throws Exception {
        TableOfContents toc = tableOfContents(piped);
        Entry readings = dataOf(toc, "readings");
        byte[] stream = stream(Files.readAllBytes(piped), Set.of(readings.dumpId()));
        String restored = db.createDatabase("streams_restored");
        Path list = Files.writeString(work.resolve("lane.list"), readings.dumpId() + "\n");
        pgRestore(restored, "--section=pre-data", piped.toString());

        Path lane = Files.write(work.resolve("lane.pgc"), stream);
        pgRestore(restored, "-L", list.toString(), lane.toString());

        assertEquals(List.of("readings"), tablesWithRows(restored), "only the streamed table has rows");
        String contents = "select count(*) || ' ' || md5(string_agg(r::text, ',' order by id)) from public.readings r";
        assertEquals(query(source, contents), query(restored, contents));
        assertTrue(query(restored, contents).startsWith("20000 "));
        assertTrue(stream.length < Files.size(piped) - 20_000 * 5L, "one table's data only, its 20 000 rows in a "
                + "few chunks instead of a chunk each: " + stream.length + " of " + Files.size(piped) + " bytes");
        assertArrayEquals(stream, stream(stream, Set.of(readings.dumpId())), "its chunks are as large as they get");
    }

    @Test
    void theRowsOfEveryTableAreCountedAsTheArchiveIsPassedOnUnchanged() throws Exception {
        byte[] archive = Files.readAllBytes(piped);
        var passedOn = new ByteArrayOutputStream();
        var in = new ArchiveInput(new ByteArrayInputStream(archive), passedOn);

        ArchiveRows rows = ArchiveRows.count(in);
        in.passOnTheRest();

        assertArrayEquals(archive, passedOn.toByteArray());
        Map<ArchiveRows.Table, Long> counted = new HashMap<>();
        for (String[] table : ordinaryTables(source)) {
            counted.put(new ArchiveRows.Table(table[0], table[1]), Long.parseLong(query(source,
                    "select count(*) from only " + quoted(table[0]) + "." + quoted(table[1]))));
        }
        assertEquals(counted, rows.tables());
        assertEquals(OptionalLong.of(20_000), rows.rows("public", "readings"));
        assertEquals(OptionalLong.of(0), rows.rows("public", "empty_one"));
        assertEquals(OptionalLong.empty(), rows.rows("sales", "orders"), "a partitioned table holds no rows itself");
    }

    @Test
    void aCompressedArchiveHasNoRowsToCount() throws Exception {
        List<String> compressed = new ArrayList<>(dump());
        compressed.set(compressed.indexOf("-Z0"), "-Z1");
        Path archive = work.resolve("compressed.pgc");
        ClientTools.pipe(db, compressed, List.of("cat"), archive);
        var passedOn = new ByteArrayOutputStream();

        try (InputStream file = Files.newInputStream(archive)) {
            var in = new ArchiveInput(file, passedOn);
            var e = assertThrows(UnexpectedArchiveException.class, () -> ArchiveRows.count(in));
            assertTrue(e.getMessage().contains("does not end a row"), e.getMessage());
            in.passOnTheRest();
        }
        assertArrayEquals(Files.readAllBytes(archive), passedOn.toByteArray(), "all of it is passed on all the same");
    }

    @Test
    void aTruncatedDataSectionIsDamaged() throws Exception {
        byte[] archive = Files.readAllBytes(piped);
        Set<Integer> all = dataIds(tableOfContents(piped));

        var e = assertThrows(UnexpectedArchiveException.class,
                () -> stream(Arrays.copyOf(archive, archive.length - 1000), all));
        assertTrue(e.getMessage().contains("ends"), e.getMessage());
    }

    @Test
    void anUnknownBlockIsDamaged() throws Exception {
        byte[] archive = Files.readAllBytes(piped);
        int firstBlock = tableOfContentsLength(archive);
        archive[firstBlock] = 7;

        var e = assertThrows(UnexpectedArchiveException.class, () -> stream(archive, dataIds(tableOfContents(piped))));
        assertTrue(e.getMessage().contains("data block type 7"), e.getMessage());
    }

    @Test
    void anArchiveOfAnotherVersionOrLayoutIsToldApartFromNoArchive() throws Exception {
        byte[] archive = Files.readAllBytes(piped);
        archive[6] = 99;
        assertUnexpected(archive, "archive version 1.99");
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(piped), tableOfContentsLength(Files.readAllBytes(piped))
                - 10);
        assertUnexpected(truncated, "ends");
        byte[] noise = new byte[9 * 1024 * 1024 + 17];
        new Random(42).nextBytes(noise);
        assertUnexpected(noise, TableOfContents.NOT_AN_ARCHIVE);
    }

    private static void assertUnexpected(byte[] archive, String reason) {
        var e = assertThrows(UnexpectedArchiveException.class,
                () -> TableOfContents.read(new ArchiveInput(new ByteArrayInputStream(archive),
                        OutputStream.nullOutputStream())));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    /** The archive as a lane streams it: header and table of contents, then the wanted entries' data. */
    private static byte[] stream(byte[] archive, Set<Integer> wanted) throws IOException, UnexpectedArchiveException {
        var out = new ByteArrayOutputStream();
        var in = new ArchiveInput(new ByteArrayInputStream(archive), out);
        TableOfContents.read(in);
        in.stopCopying();
        DataBlocks.copy(in, wanted, out);
        return out.toByteArray();
    }

    private static int tableOfContentsLength(byte[] archive) throws IOException, UnexpectedArchiveException {
        return stream(archive, Set.of()).length;
    }

    private static Entry dataOf(TableOfContents toc, String table) {
        return toc.dataSection().stream().filter(e -> e.tag().equals(table) && e.hasData()).findFirst().orElseThrow();
    }

    private static Set<Integer> dataIds(TableOfContents toc) {
        return toc.dataSection().stream().filter(Entry::hasData).map(Entry::dumpId).collect(Collectors.toSet());
    }

    private static void pgRestore(String database, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ClientTools.bin("pg_restore").toString(), "--exit-on-error"));
        command.addAll(ClientTools.connection(db, database));
        command.addAll(List.of(arguments));
        ClientTools.run(db, command);
    }

    private static String query(String database, String sql) throws SQLException {
        try (Connection c = db.connect(database); Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Schema and name of every ordinary table outside the system schemas. */
    private static List<String[]> ordinaryTables(String database) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Connection c = db.connect(database); Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("select n.nspname, c.relname from pg_class c join pg_namespace n"
                     + " on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname not in ('pg_catalog',"
                     + " 'information_schema', 'pg_toast')")) {
            while (rs.next()) {
                tables.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        }
        return tables;
    }

    private static List<String> tablesWithRows(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(database); Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("select relname from pg_class where relkind = 'r' and relnamespace"
                     + " = 'public'::regnamespace order by 1")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            for (String name : names) {
                if (!"0".equals(query(database, "select count(*) from public.\"" + name + "\""))) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    static TableOfContents tableOfContents(Path archive) throws IOException, UnexpectedArchiveException {
        try (InputStream in = Files.newInputStream(archive)) {
            return TableOfContents.read(new ArchiveInput(in, OutputStream.nullOutputStream()));
        }
    }
}
