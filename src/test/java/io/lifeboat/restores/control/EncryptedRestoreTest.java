package io.lifeboat.restores.control;

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
import io.lifeboat.encryption.control.Identity;
import io.lifeboat.encryption.control.PassphraseIdentity;
import io.lifeboat.encryption.control.PassphraseRecipient;
import io.lifeboat.encryption.control.Recipient;
import io.lifeboat.restores.TestBackup;
import io.lifeboat.targets.entity.DatabaseLogin;
import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.DatabaseComparison;
import io.lifeboat.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backups encrypted by the backup pipeline (pg_dump, zstd, age, SHA-256) restore with the right key only. */
class EncryptedRestoreTest {

    static TestDatabase db;
    static String source;
    static final AgeEncryption AGE = new AgeEncryption();

    @TempDir
    Path root;

    @BeforeAll
    static void createRichDatabase() throws Exception {
        db = TestDatabase.get();
        source = ClientTools.richDatabase(db, "rich_age");
    }

    private Manifest backup(List<? extends Recipient> recipients) throws Exception {
        var login = new DatabaseLogin(db.host(), db.port(), source, db.superuser(), db.password());
        var request = DumpRequest.of(BackupKeys.newBackupId(Instant.now()), "crm", login, BackupFormat.CUSTOM_ZSTD,
                Trigger.MANUAL, "alice");
        Path passFiles = Files.createDirectories(root.resolve("pass"));
        return new Dump(PgClientTools.withDefaults(List.of()), Duration.ofSeconds(10), passFiles, Clock.systemUTC())
                .encryptedFor(recipients).run(request, new LocalFolder(root.resolve("dest")), new DumpProgress());
    }

    private Path artifact(Manifest manifest) {
        return root.resolve("dest").resolve(new BackupKeys(manifest.target(), manifest.id(), manifest.startedAt())
                .folder() + manifest.dump().name());
    }

    private RestoreRequest restoreOf(Manifest manifest, String database) throws Exception {
        var server = new DatabaseLogin(db.host(), db.port(), "postgres", db.superuser(), db.password());
        Path artifact = artifact(manifest);
        return RestoreRequest.of(manifest, () -> Files.newInputStream(artifact), server, database,
                Files.createDirectories(root.resolve("work")));
    }

    @Test
    void anEncryptedBackupIsAgeForItsRecipientsAndRestoresWithEitherKey() throws Exception {
        AgeKeyPair ops = AGE.generateIdentity();
        AgeKeyPair vault = AGE.generateIdentity();

        Manifest manifest = backup(List.of(ops.recipient(), vault.recipient()));

        assertEquals("dump.pgc.zst.age", manifest.dump().name());
        assertTrue(manifest.encrypted());
        assertEquals(List.of(ops.recipient().fingerprint(), vault.recipient().fingerprint()), manifest.encryption());
        Path artifact = artifact(manifest);
        assertEquals(TestBackup.sha256(artifact), manifest.dump().sha256(), "the checksum is of the stored bytes");
        assertEquals(Files.size(artifact), manifest.dump().size());
        try (InputStream in = Files.newInputStream(artifact)) {
            assertEquals("age-encryption.org/v1\n", new String(in.readNBytes(22), StandardCharsets.US_ASCII));
        }
        String manifestText = Files.readString(artifact.resolveSibling("manifest.json"));
        assertFalse(manifestText.contains(ops.publicKey()) || manifestText.contains(vault.publicKey()),
                "the manifest holds fingerprints, not keys");

        for (AgeKeyPair key : List.of(ops, vault)) {
            String restored = "age_" + Long.toHexString(System.nanoTime());
            List<String> log = new ArrayList<>();
            RestoreReport report = new Restore().restore(restoreOf(manifest, restored)
                    .withIdentities(List.of(key.identity())), log::add);
            DatabaseComparison.assertSameContent(db, source, restored);
            assertEquals(Files.size(artifact), report.bytesRead());
            assertTrue(log.stream().noneMatch(line -> line.contains(key.privateKey())), "no log line holds the key");
        }
    }

    @Test
    void aWrongKeyOrNoKeyFailsBeforeTheDatabaseIsCreated() throws Exception {
        Manifest manifest = backup(List.of(AGE.generateIdentity().recipient()));
        AgeKeyPair stranger = AGE.generateIdentity();

        String wrong = "age_wrong_" + Long.toHexString(System.nanoTime());
        var refused = assertThrows(RestoreFailedException.class, () -> new Restore().restore(
                restoreOf(manifest, wrong).withIdentities(List.of(stranger.identity())), line -> { }));
        assertTrue(refused.getMessage().contains("does not decrypt it"), refused.getMessage());
        assertTrue(refused.getMessage().contains(manifest.encryption().get(0)), "names the recipient: "
                + refused.getMessage());
        assertTrue(refused.getMessage().contains("Nothing was created"), refused.getMessage());
        assertFalse(refused.getMessage().contains(stranger.privateKey()));
        assertFalse(exists(wrong), "no database was created for a wrong key");

        String none = "age_none_" + Long.toHexString(System.nanoTime());
        var noKey = assertThrows(RestoreFailedException.class, () -> new Restore().restore(
                restoreOf(manifest, none), line -> { }));
        assertTrue(noKey.getMessage().contains("\"identity\"") && noKey.getMessage().contains("\"passphrase\""),
                "says what to give: " + noKey.getMessage());
        assertFalse(exists(none));
    }

    @Test
    void aPassphraseBackupRestoresWithThePassphraseOnly() throws Exception {
        Manifest manifest = backup(List.of(new PassphraseRecipient("correct horse".toCharArray(), 10)));
        assertEquals(List.of("scrypt"), manifest.encryption());

        String wrong = "age_pw_wrong_" + Long.toHexString(System.nanoTime());
        assertThrows(RestoreFailedException.class, () -> new Restore().restore(restoreOf(manifest, wrong)
                .withIdentities(List.<Identity>of(new PassphraseIdentity("wrong horse".toCharArray()))), line -> { }));
        assertFalse(exists(wrong));

        String restored = "age_pw_" + Long.toHexString(System.nanoTime());
        new Restore().restore(restoreOf(manifest, restored)
                .withIdentities(List.of(new PassphraseIdentity("correct horse".toCharArray()))), line -> { });
        DatabaseComparison.assertSameContent(db, source, restored);
    }

    @Test
    void aBackupWithoutRecipientsIsNotEncrypted() throws Exception {
        Manifest manifest = backup(List.of());

        assertEquals("dump.pgc.zst", manifest.dump().name());
        assertFalse(manifest.encrypted());
        try (InputStream in = Files.newInputStream(artifact(manifest))) {
            byte[] magic = in.readNBytes(4);
            assertEquals(List.of((byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd),
                    List.of(magic[0], magic[1], magic[2], magic[3]), "a zstd frame");
        }
    }

    private static boolean exists(String database) throws SQLException {
        try (var c = db.connect("postgres");
             var s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            s.setString(1, database);
            return s.executeQuery().next();
        }
    }
}
