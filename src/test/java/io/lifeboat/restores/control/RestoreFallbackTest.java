package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.destinations.control.Destination;
import io.lifeboat.destinations.control.LocalFolder;
import io.lifeboat.restores.TestBackup;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restore reads the first copy that is there and intact, and says in its log which ones it skipped. */
class RestoreFallbackTest {

    private static final String KEY = "crm/2026/11/b1/dump.pgc.zst";

    private static TestDatabase db;
    private static String source;
    private static TestBackup backup;

    @TempDir
    static Path made;
    @TempDir
    Path work;
    @TempDir
    Path first;
    @TempDir
    Path second;
    @TempDir
    Path third;

    @BeforeAll
    static void makeBackup() {
        db = TestDatabase.get();
        source = db.createDatabase("fallback");
        db.execute(source, "create table orders (id int primary key); insert into orders select generate_series(1, 300);");
        backup = TestBackup.make(db, source, BackupFormat.CUSTOM_ZSTD, made.resolve("backup"));
    }

    @Test
    void aMissingFirstCopyAndADamagedSecondOneFallBackToTheThird() throws IOException {
        var missing = new LocalFolder(first);
        var damaged = new LocalFolder(second);
        var intact = new LocalFolder(third);
        byte[] bytes = Files.readAllBytes(backup.artifact());
        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x01;
        store(damaged, flipped);
        store(intact, bytes);
        List<String> log = new ArrayList<>();
        String database = "fallback_" + Long.toHexString(System.nanoTime());

        RestoreReport report = new Restore().restore(request(database, missing, damaged, intact), log::add);

        assertEquals(database, report.database());
        assertTrue(report.tables().stream().allMatch(RestoreReport.TableCheck::ok), report.tables().toString());
        String text = String.join("\n", log);
        assertTrue(text.contains("The copy in 'first' (local folder " + missing.root() + ") cannot be used (Could not "
                + "read the artifact"), text);
        assertTrue(text.contains("falling back to the copy in 'second'"), text);
        assertTrue(text.contains("The copy in 'second' (local folder " + damaged.root() + ") cannot be used (Refused "
                + "to restore backup " + backup.manifest().id() + ": the artifact's checksum does not match"), text);
        assertTrue(text.contains("falling back to the copy in 'third'"), text);
        assertEquals(bytes.length, report.bytesRead());
    }

    @Test
    void whenNoCopyCanBeUsedNothingIsCreatedAndTheLastReasonIsGiven() throws IOException {
        var missing = new LocalFolder(first);
        var damaged = new LocalFolder(second);
        byte[] truncated = Files.readAllBytes(backup.artifact());
        store(damaged, java.util.Arrays.copyOf(truncated, truncated.length - 10));
        String database = "fallback_" + Long.toHexString(System.nanoTime());

        var failure = assertThrows(RestoreFailedException.class,
                () -> new Restore().restore(request(database, missing, damaged), line -> { }));

        assertTrue(failure.getMessage().startsWith("No copy of backup " + backup.manifest().id() + " could be used; "
                + "the last one, in 'second'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("checksum does not match"), failure.getMessage());
        assertFalse(new ServerDatabases(server()).exists(new DatabaseName(database)), "nothing was created");
        try (var files = Files.list(work)) {
            assertEquals(0, files.count(), "no staged file is left in the work folder");
        }
    }

    private RestoreRequest request(String database, LocalFolder... folders) {
        String[] names = {"first", "second", "third"};
        List<ArtifactCopies.Copy> copies = new ArrayList<>();
        for (int i = 0; i < folders.length; i++) {
            Destination destination = folders[i];
            copies.add(new ArtifactCopies.Copy("'" + names[i] + "' (" + destination.describe() + ")",
                    () -> destination.open(KEY)));
        }
        return RestoreRequest.of(backup.manifest(), new ArtifactCopies(copies), server(), database, work);
    }

    private static void store(LocalFolder folder, byte[] bytes) throws IOException {
        try (var upload = folder.create(KEY)) {
            try (InputStream in = new java.io.ByteArrayInputStream(bytes); OutputStream out = upload.stream()) {
                in.transferTo(out);
            }
            upload.commit();
        }
    }

    private static DatabaseLogin server() {
        return new DatabaseLogin(db.host(), db.port(), "postgres", db.superuser(), db.password());
    }
}
