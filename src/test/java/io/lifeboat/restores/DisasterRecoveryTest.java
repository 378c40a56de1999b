package io.lifeboat.restores;

import io.lifeboat.backups.control.BackupKeys;
import io.lifeboat.backups.control.Dump;
import io.lifeboat.backups.control.DumpProgress;
import io.lifeboat.backups.control.DumpRequest;
import io.lifeboat.backups.control.PgClientTools;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.destinations.control.LocalFolder;
import io.lifeboat.encryption.control.AgeEncryption;
import io.lifeboat.encryption.control.AgeKeyPair;
import io.lifeboat.encryption.control.Recipient;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.DatabaseComparison;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Disaster recovery without Lifeboat" works: its {@code sh} blocks, run in order in one bash with the
 * Debian age, zstd, sha256sum and the PostgreSQL client tools, restore the newest backup Lifeboat made (encrypted
 * or not) from a copy of the destination, with no Lifeboat code involved, into a database equal to the source.
 */
class DisasterRecoveryTest {

    private static final String SECTION = "## Disaster recovery without Lifeboat";
    private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");

    static TestDatabase db;
    static String source;
    static String older;

    @TempDir
    Path root;

    @BeforeAll
    static void createDatabases() throws Exception {
        db = TestDatabase.get();
        source = ClientTools.richDatabase(db, "dr_source");
        older = db.createDatabase("dr_older");
        db.execute(older, "create table notes (id int primary key); insert into notes values (1)");
    }

    static List<String> readmeSteps() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md has the section " + SECTION);
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> steps = new ArrayList<>();
        Matcher blocks = SH_BLOCK.matcher(section);
        while (blocks.find()) {
            steps.add(blocks.group(1));
        }
        return steps;
    }

    @Test
    void theReadmeHasTheStepsInOrder() throws IOException {
        List<String> steps = readmeSteps();
        assertEquals(5, steps.size(), "variables, find, check, decrypt and decompress, restore: " + steps);
        assertTrue(steps.get(0).contains("BACKUPS=") && steps.get(0).contains("NEWDB="), steps.get(0));
        assertTrue(steps.get(2).contains("sha256sum -c"), steps.get(2));
        assertTrue(steps.get(3).contains("age -d -i \"$KEY\""), steps.get(3));
        assertTrue(steps.get(4).contains("pg_restore --exit-on-error"), steps.get(4));
    }

    @Test
    void anEncryptedBackupRestoresWithAgeZstdAndPgRestoreAlone() throws Exception {
        AgeKeyPair key = new AgeEncryption().generateIdentity();
        Path backups = root.resolve("backups");
        backup("crm", older, List.of(), Instant.now().minus(Duration.ofDays(40)), backups);
        Manifest newest = backup("crm", source, List.of(key.recipient()), Instant.now(), backups);
        assertEquals("dump.pgc.zst.age", newest.dump().name());
        leaveAnUnfinishedBackup(backups, "crm");
        Path keyFile = Files.writeString(Files.createFile(root.resolve("key.txt"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), key.keyFile());
        String newDatabase = "dr_age_" + Long.toHexString(System.nanoTime());

        Run run = runReadme(Map.of("BACKUPS", backups.toString(), "TARGET", "crm", "KEY", keyFile.toString(),
                "WORK", root.resolve("work").toString(), "NEWDB", newDatabase));

        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains(newest.id() + "/dump.pgc.zst.age: OK"), "sha256sum checked the artifact: "
                + run.output());
        DatabaseComparison.assertSameContent(db, source, newDatabase);
        assertFalse(Files.exists(root.resolve("work/dump.pgc")), "the work file is removed");
    }

    @Test
    void anUnencryptedBackupRestoresWithoutAKey() throws Exception {
        Path backups = root.resolve("backups");
        Manifest newest = backup("shop", source, List.of(), Instant.now(), backups);
        assertEquals("dump.pgc.zst", newest.dump().name());
        String newDatabase = "dr_plain_" + Long.toHexString(System.nanoTime());

        Run run = runReadme(Map.of("BACKUPS", backups.toString(), "TARGET", "shop",
                "KEY", root.resolve("no-such-key.txt").toString(), "WORK", root.resolve("work").toString(),
                "NEWDB", newDatabase));

        assertEquals(0, run.exit(), run.output());
        DatabaseComparison.assertSameContent(db, source, newDatabase);
    }

    @Test
    void aDamagedArtifactStopsAtTheChecksumBeforeAnyDatabaseIsCreated() throws Exception {
        AgeKeyPair key = new AgeEncryption().generateIdentity();
        Path backups = root.resolve("backups");
        Manifest newest = backup("crm", source, List.of(key.recipient()), Instant.now(), backups);
        Path artifact = backups.resolve(new BackupKeys("crm", newest.id(), newest.startedAt()).folder()
                + newest.dump().name());
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(artifact, bytes);
        Path keyFile = Files.writeString(root.resolve("key.txt"), key.keyFile());
        String newDatabase = "dr_damaged_" + Long.toHexString(System.nanoTime());

        Run run = runReadme(Map.of("BACKUPS", backups.toString(), "TARGET", "crm", "KEY", keyFile.toString(),
                "WORK", root.resolve("work").toString(), "NEWDB", newDatabase));

        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("FAILED"), "sha256sum reports the mismatch: " + run.output());
        assertTrue(run.output().contains("== step 3"), "it stopped at the checksum: " + run.output());
        assertFalse(run.output().contains("== step 4"), run.output());
        assertFalse(exists(newDatabase), "no database was created");
    }

    private Manifest backup(String target, String database, List<? extends Recipient> recipients, Instant at,
                            Path backups) throws Exception {
        var login = new DatabaseLogin(db.host(), db.port(), database, db.superuser(), db.password());
        var request = DumpRequest.of(BackupKeys.newBackupId(at), target, login, BackupFormat.CUSTOM_ZSTD,
                Trigger.MANUAL, "alice");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at));
        Path passFiles = Files.createDirectories(root.resolve("pass"));
        return new Dump(PgClientTools.withDefaults(List.of()), Duration.ofSeconds(10), passFiles, clock)
                .encryptedFor(recipients).run(request, new LocalFolder(backups), new DumpProgress());
    }

    /** A newer folder with no manifest, as a backup cut off by a crash leaves it. */
    private static void leaveAnUnfinishedBackup(Path backups, String target) throws IOException {
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        var keys = new BackupKeys(target, BackupKeys.newBackupId(later), later);
        Path folder = Files.createDirectories(backups.resolve(keys.folder()));
        Files.writeString(folder.resolve("dump.pgc.zst.age"), "cut off");
    }

    private record Run(int exit, String output) {
    }

    /** Runs the README's sh blocks in order in one bash, stopping at the first failing command. */
    private Run runReadme(Map<String, String> variables) throws Exception {
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        List<String> steps = readmeSteps();
        for (int i = 0; i < steps.size(); i++) {
            script.append("echo '== step ").append(i + 1).append("'\n").append(steps.get(i)).append('\n');
        }
        Path file = Files.writeString(root.resolve("recovery.sh"), script);
        Path output = root.resolve("recovery.out");
        var builder = new ProcessBuilder("bash", file.toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(variables);
        env.put("PATH", ClientTools.bin("pg_restore").getParent() + ":" + env.get("PATH"));
        env.put("PGHOST", db.host());
        env.put("PGPORT", String.valueOf(db.port()));
        env.put("PGUSER", db.superuser());
        env.put("PGPASSWORD", db.password());
        env.remove("PGDATABASE");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("The README's steps did not finish in 5 minutes: "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static boolean exists(String database) throws SQLException {
        try (var c = db.connect("postgres");
             var s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            s.setString(1, database);
            return s.executeQuery().next();
        }
    }
}
