package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.restores.TestBackup;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.DatabaseComparison;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backup of a database with many kinds of objects restores to the same schema and the same data. */
class RestoreRoundTripTest {

    static TestDatabase db;
    static String source;

    @TempDir
    Path work;

    @BeforeAll
    static void createRichDatabase() {
        db = TestDatabase.get();
        source = ClientTools.richDatabase(db, "rich");
    }

    static DatabaseLogin server() {
        return new DatabaseLogin(db.host(), db.port(), "postgres", db.superuser(), db.password());
    }

    @ParameterizedTest
    @EnumSource(BackupFormat.class)
    void restoresTheSameSchemaAndData(BackupFormat format) throws Exception {
        TestBackup backup = TestBackup.make(db, source, format, work.resolve("backup"));
        String target = "restored_" + format.name().toLowerCase() + "_" + Long.toHexString(System.nanoTime());
        Path workFolder = Files.createDirectories(work.resolve("work"));
        List<String> log = new ArrayList<>();

        RestoreReport report = new Restore().restore(
                RestoreRequest.of(backup.manifest(), backup.source(), server(), target, workFolder), log::add);

        DatabaseComparison.assertSameContent(db, source, target);
        var restored = DatabaseComparison.content(db, target);
        assertTrue(restored.checksums().get("large objects").startsWith("4 objects"), restored.checksums().toString());
        assertEquals("3877 true", restored.checksums().get("sequence sales.invoice_no"));
        assertEquals("-2 true", restored.checksums().get("sequence hr.badge_no"));
        assertTrue(restored.schema().contains("CREATE MATERIALIZED VIEW sales.monthly"), "the schema was compared");
        assertEquals(target, report.database());
        assertEquals(Files.size(backup.artifact()), report.bytesRead());
        assertEquals(backup.manifest().tables().size(), report.tables().size());
        assertEquals(11, report.tables().size(), "the fixture's tables and partitions: " + report.tables());
        assertTrue(report.tables().stream().allMatch(RestoreReport.TableCheck::ok), report.tables().toString());
        assertTrue(report.tables().stream().anyMatch(t -> t.table().equals("orders") && t.actual() == 400),
                report.tables().toString());
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());
        try (var files = Files.list(workFolder)) {
            assertEquals(List.of(), files.toList(), "the decompressed dump and the password file are removed");
        }
        assertTrue(log.stream().noneMatch(line -> line.contains(db.password())), "no log line holds the password");
    }
}
