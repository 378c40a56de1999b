package io.lifeboat.restores.control;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.restores.TestBackup;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a restore can go wrong ends in a clear refusal or failure, and leaves no database behind. */
class RestoreFaultTest {

    static final String CHECKSUM = "the artifact's checksum does not match the manifest: it is corrupted or not "
            + "this backup; restore from another backup";

    static TestDatabase db;
    static final Map<BackupFormat, TestBackup> backups = new EnumMap<>(BackupFormat.class);

    @TempDir
    static Path backupFolder;

    @TempDir
    Path work;

    enum Damage { FLIPPED_BYTE, TRUNCATED, RANDOM_BYTES, TEXT_FILE, EMPTY }

    @BeforeAll
    static void backUpASmallDatabase() {
        db = TestDatabase.get();
        String source = db.createDatabase("small");
        db.execute(source, """
                CREATE TABLE items (id integer PRIMARY KEY, name text);
                INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50) g;
                CREATE TABLE notes (id serial PRIMARY KEY, body text);
                INSERT INTO notes (body) SELECT md5(g::text) FROM generate_series(1, 2000) g;
                """);
        for (BackupFormat format : BackupFormat.values()) {
            backups.put(format, TestBackup.make(db, source, format, backupFolder.resolve(format.name())));
        }
    }

    static DatabaseLogin server() {
        return new DatabaseLogin(db.host(), db.port(), "postgres", db.superuser(), db.password());
    }

    static String newName() {
        return "restored_" + Long.toHexString(System.nanoTime());
    }

    RestoreRequest request(TestBackup backup, ArtifactSource source, String name) {
        return RestoreRequest.of(backup.manifest(), source, server(), name, work);
    }

    RestoreFailedException failedRestore(RestoreRequest request) {
        List<String> log = new ArrayList<>();
        var e = assertThrows(RestoreFailedException.class, () -> new Restore().restore(request, log::add));
        assertFalse(e.getMessage().contains(db.password()), "the password is not in the message");
        assertTrue(log.stream().noneMatch(line -> line.contains(db.password())), "the password is not logged");
        return e;
    }

    void assertNothingLeft(String name) throws Exception {
        try (var c = db.connect("postgres");
             var statement = c.prepareStatement("select count(*) from pg_database where datname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "no database " + name + " is left on the server");
            }
        }
        try (var files = Files.list(work)) {
            assertEquals(List.of(), files.toList(), "no decompressed dump or password file is left");
        }
    }

    static Stream<Arguments> damagedArtifacts() {
        return Arrays.stream(BackupFormat.values())
                .flatMap(format -> Arrays.stream(Damage.values()).map(damage -> Arguments.of(format, damage)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("damagedArtifacts")
    void aDamagedOrForeignArtifactIsRefusedBeforeAnythingIsCreated(BackupFormat format, Damage damage) throws Exception {
        TestBackup backup = backups.get(format);
        Path damaged = damage(backup.artifact(), damage, backupFolder.resolve(format + "-" + damage));
        String name = newName();

        var e = failedRestore(request(backup, () -> Files.newInputStream(damaged), name));

        assertTrue(e.getMessage().contains(CHECKSUM), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was created"), e.getMessage());
        assertNothingLeft(name);
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void anArtifactThatMatchesItsManifestButDoesNotDecompressIsRefused(BackupFormat format) throws Exception {
        Path foreign = damage(backups.get(format).artifact(), Damage.RANDOM_BYTES, backupFolder.resolve(format + "-x"));
        Manifest lying = lyingAbout(foreign, format);
        String name = newName();

        var e = failedRestore(RestoreRequest.of(lying, () -> Files.newInputStream(foreign), server(), name, work));

        assertTrue(e.getMessage().contains("matches its manifest but does not decompress as "
                + format.compression()), e.getMessage());
        assertNothingLeft(name);
    }

    @Test
    void anArchiveDamagedInItsDataFailsTheLoadAndDrops() throws Exception {
        byte[] archive = decompressed(backups.get(BackupFormat.CUSTOM_ZSTD).artifact(), BackupFormat.CUSTOM_ZSTD);
        Path truncated = backupFolder.resolve("truncated-archive.pgc.zst");
        Files.write(truncated, Zstd.compress(Arrays.copyOf(archive, archive.length - 500)));
        String name = newName();

        var e = failedRestore(RestoreRequest.of(lyingAbout(truncated, BackupFormat.CUSTOM_ZSTD),
                () -> Files.newInputStream(truncated), server(), name, work));

        assertTrue(e.getMessage().contains("matches its manifest, but the pg_dump archive inside it is damaged (the "
                + "archive ends"), e.getMessage());
        assertTrue(e.getMessage().contains("restore from another backup"), e.getMessage());
        assertTrue(e.getMessage().contains("The half-made database " + name + " was dropped"), e.getMessage());
        assertNothingLeft(name);
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void anArtifactThatStopsDecompressingMidwayFailsTheLoadAndDrops(BackupFormat format) throws Exception {
        byte[] dump = decompressed(backups.get(format).artifact(), format);
        // two frames (members), the second cut short: the start of the dump reads well, its end does not
        var twoParts = new ByteArrayOutputStream();
        twoParts.write(compressed(Arrays.copyOf(dump, dump.length / 3), format));
        byte[] second = compressed(Arrays.copyOfRange(dump, dump.length / 3, dump.length), format);
        twoParts.write(second, 0, second.length / 2);
        Path cut = Files.write(backupFolder.resolve(format + "-cut"), twoParts.toByteArray());
        String name = newName();

        var e = failedRestore(RestoreRequest.of(lyingAbout(cut, format), () -> Files.newInputStream(cut), server(),
                name, work));

        assertTrue(e.getMessage().contains("matches its manifest, but it does not decompress as "
                + format.compression() + " to its end"), e.getMessage());
        assertTrue(e.getMessage().contains("The half-made database " + name + " was dropped"), e.getMessage());
        assertNothingLeft(name);
    }

    static byte[] decompressed(Path artifact, BackupFormat format) throws IOException {
        try (InputStream in = format == BackupFormat.CUSTOM_ZSTD ? new ZstdInputStream(Files.newInputStream(artifact))
                : new GZIPInputStream(Files.newInputStream(artifact))) {
            return in.readAllBytes();
        }
    }

    static byte[] compressed(byte[] bytes, BackupFormat format) throws IOException {
        if (format == BackupFormat.CUSTOM_ZSTD) {
            return Zstd.compress(bytes);
        }
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** The manifest of the small backup, but with the size and SHA-256 of another file. */
    static Manifest lyingAbout(Path artifact, BackupFormat format) throws IOException {
        Manifest m = backups.get(format).manifest();
        return new Manifest(m.formatVersion(), m.id(), m.target(), m.database(), m.databaseOid(),
                m.systemIdentifier(), m.serverVersion(), m.pgDumpVersion(), m.format(), m.compression(),
                m.encryption(), List.of(new Manifest.Artifact(format.artifactName(), Files.size(artifact),
                TestBackup.sha256(artifact))), m.tables(), m.schemaFingerprint(), m.trigger(), m.initiator(),
                m.startedAt(), m.finishedAt());
    }

    @Test
    void anArtifactThatCannotBeReadIsReportedAsSuchAndNothingIsCreated() throws Exception {
        TestBackup backup = backups.get(BackupFormat.CUSTOM_ZSTD);
        ArtifactSource brokenConnection = () -> new InputStream() {
            private final InputStream in = Files.newInputStream(backup.artifact());
            private int reads;

            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (++reads > 1) {
                    throw new IOException("Connection reset by peer");
                }
                return in.read(b, off, Math.min(len, 100));
            }
        };
        String name = newName();

        var e = failedRestore(request(backup, brokenConnection, name));

        assertTrue(e.getMessage().startsWith("Could not read the artifact dump.pgc.zst"), e.getMessage());
        assertTrue(e.getMessage().contains("Connection reset by peer"), e.getMessage());
        assertFalse(e.getMessage().contains(CHECKSUM), "a broken connection is not a corrupted backup");
        assertNothingLeft(name);
    }

    @Test
    void aFullWorkFolderIsReportedAndNothingIsCreated() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        TestBackup backup = backups.get(BackupFormat.CUSTOM_ZSTD);
        assertTrue(Files.size(backup.artifact()) > 3 * 4096, "the artifact does not fit into the work folder");
        Path mount = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "full-work-");
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", mount.toString())
                .inheritIO().start();
        assertTrue(mounting.waitFor(30, TimeUnit.SECONDS) && mounting.exitValue() == 0, "mount an 8 KiB tmpfs");
        try {
            String name = newName();

            var e = failedRestore(RestoreRequest.of(backup.manifest(), () -> Files.newInputStream(backup.artifact()),
                    server(), name, mount));

            assertTrue(e.getMessage().startsWith("Could not write the artifact to " + mount + "/restore-"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("free space there or choose another work folder"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was created"), e.getMessage());
            assertNothingLeft(name);
            try (var files = Files.list(mount)) {
                assertEquals(List.of(), files.toList(), "the work folder is empty again");
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(mount);
        }
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void anExistingDatabaseIsNeverRestoredOver(BackupFormat format) throws Exception {
        String existing = db.createDatabase("precious");
        db.execute(existing, "CREATE TABLE items (id integer); INSERT INTO items VALUES (7), (8), (9)");
        AtomicBoolean opened = new AtomicBoolean();
        TestBackup backup = backups.get(format);

        var e = failedRestore(request(backup, () -> {
            opened.set(true);
            return Files.newInputStream(backup.artifact());
        }, existing));

        assertTrue(e.getMessage().contains("A database named " + existing + " exists already"), e.getMessage());
        assertTrue(e.getMessage().contains("choose another name"), e.getMessage());
        assertFalse(opened.get(), "the artifact is not even read");
        try (var c = db.connect(existing); var rows = c.createStatement()
                .executeQuery("select string_agg(id::text, ',' order by id) from items")) {
            rows.next();
            assertEquals("7,8,9", rows.getString(1), "the existing database is untouched");
        }
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void aLoadThatFailsMidwayDropsTheHalfMadeDatabase(BackupFormat format) throws Exception {
        String role = "ghost_" + Long.toHexString(System.nanoTime());
        String source = db.createDatabase("haunted");
        db.execute("postgres", "CREATE ROLE " + role);
        db.execute(source, "CREATE TABLE first_table (id integer); INSERT INTO first_table VALUES (1);"
                + "CREATE TABLE haunted (id integer); ALTER TABLE haunted OWNER TO " + role + ";"
                + "INSERT INTO haunted VALUES (1), (2)");
        TestBackup backup = TestBackup.make(db, source, format, backupFolder.resolve(role));
        db.execute("postgres", "DROP DATABASE " + source);
        db.execute("postgres", "DROP ROLE " + role);
        String name = newName();

        var e = failedRestore(request(backup, backup.source(), name));

        String tool = format == BackupFormat.CUSTOM_ZSTD ? "pg_restore" : "psql";
        assertTrue(e.getMessage().startsWith(tool + " failed (exit code"), e.getMessage());
        assertTrue(e.getMessage().contains("role \"" + role + "\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("The half-made database " + name + " was dropped"), e.getMessage());
        assertNothingLeft(name);
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void fewerRowsThanTheManifestListsFailsAndDrops(BackupFormat format) throws Exception {
        TestBackup backup = backups.get(format).withTables(tables -> tables.stream()
                .map(t -> t.table().equals("items") ? new Manifest.TableRows(t.schema(), t.table(), t.rows() + 1) : t)
                .toList());
        String name = newName();

        var e = failedRestore(request(backup, backup.source(), name));

        assertTrue(e.getMessage().contains("does not hold the rows the manifest"), e.getMessage());
        assertTrue(e.getMessage().contains("public.items: expected 51 rows, found 50"), e.getMessage());
        assertFalse(e.getMessage().contains("public.notes"), "only the tables that differ are named");
        assertTrue(e.getMessage().contains("was dropped"), e.getMessage());
        assertNothingLeft(name);
    }

    @Test
    void aTableMissingFromTheRestoredDatabaseFailsAndDrops() throws Exception {
        TestBackup backup = backups.get(BackupFormat.CUSTOM_ZSTD).withTables(tables -> {
            tables.add(new Manifest.TableRows("public", "vanished", 3));
            return tables;
        });
        String name = newName();

        var e = failedRestore(request(backup, backup.source(), name));

        assertTrue(e.getMessage().contains("public.vanished is missing"), e.getMessage());
        assertNothingLeft(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "has-dash", "1starts_with_digit", "semi;colon", "", "spaced name",
            "a_name_that_is_sixty_four_characters_long_which_is_one_too_many_", "кириллица"})
    void anInvalidNameIsRefused(String invalid) throws Exception {
        var e = failedRestore(request(backups.get(BackupFormat.CUSTOM_ZSTD), () -> {
            throw new AssertionError("the artifact is not read for an invalid name");
        }, invalid));

        assertTrue(e.getMessage().startsWith("'" + invalid + "' cannot be the name of the new database"),
                e.getMessage());
        assertNothingLeft(invalid);
    }

    @Test
    void anEncryptedBackupIsRefusedWithAWayForward() throws Exception {
        Manifest m = backups.get(BackupFormat.CUSTOM_ZSTD).manifest();
        var encrypted = new Manifest(m.formatVersion(), m.id(), m.target(), m.database(), m.databaseOid(),
                m.systemIdentifier(), m.serverVersion(), m.pgDumpVersion(), m.format(), m.compression(),
                List.of("age1someone"), m.artifacts(), m.tables(), m.schemaFingerprint(), m.trigger(),
                m.initiator(), m.startedAt(), m.finishedAt());
        String name = newName();

        var e = failedRestore(RestoreRequest.of(encrypted, backups.get(BackupFormat.CUSTOM_ZSTD).source(), server(),
                name, work));

        assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
        assertNothingLeft(name);
    }

    @Test
    void aManifestWithoutItsDumpIsRefused() throws Exception {
        TestBackup backup = backups.get(BackupFormat.CUSTOM_ZSTD);
        Manifest m = backup.manifest();
        var incomplete = new Manifest(m.formatVersion(), m.id(), m.target(), m.database(), m.databaseOid(),
                m.systemIdentifier(), m.serverVersion(), m.pgDumpVersion(), m.format(), m.compression(),
                m.encryption(), List.of(new Manifest.Artifact("files.tar.zst", 10, "00")), m.tables(),
                m.schemaFingerprint(), m.trigger(), m.initiator(), m.startedAt(), m.finishedAt());
        String name = newName();

        var e = failedRestore(RestoreRequest.of(incomplete, backup.source(), server(), name, work));

        assertTrue(e.getMessage().contains("lists no dump.pgc.zst"), e.getMessage());
        assertNothingLeft(name);
    }

    static Path damage(Path artifact, Damage damage, Path into) throws IOException {
        byte[] bytes = Files.readAllBytes(artifact);
        byte[] damaged = switch (damage) {
            case FLIPPED_BYTE -> {
                byte[] copy = bytes.clone();
                copy[copy.length / 2] ^= 0x5A;
                yield copy;
            }
            case TRUNCATED -> Arrays.copyOf(bytes, bytes.length / 2);
            case RANDOM_BYTES -> {
                byte[] random = new byte[bytes.length];
                new Random(42).nextBytes(random);
                yield random;
            }
            case TEXT_FILE -> "-- not a backup\nSELECT 1;\n".repeat(100).getBytes();
            case EMPTY -> new byte[0];
        };
        return Files.write(into, damaged);
    }
}
