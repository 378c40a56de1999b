package io.lifeboat.it;

import io.lifeboat.encryption.control.AgeEncryption;
import io.lifeboat.encryption.control.AgeKeyPair;
import io.lifeboat.testing.DatabaseComparison;
import io.lifeboat.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** age encryption of backups through the API of a running Lifeboat: settings, backups, restores, refusals. */
class EncryptedBackupsIT {

    static LifeboatServer lifeboat;
    static TestDatabase db;
    static String rich;
    static final AgeEncryption AGE = new AgeEncryption();

    @BeforeAll
    static void start() {
        lifeboat = LifeboatServer.shared();
        db = TestDatabase.get();
        rich = SampleDatabases.rich(db);
    }

    @Test
    void backupsAreAgeForTheRecipientsAndRestoreWithTheConfiguredIdentity() throws Exception {
        AgeKeyPair ops = AGE.generateIdentity();
        AgeKeyPair vault = AGE.generateIdentity();
        Api.createTarget(lifeboat, db, "age-keys", rich, "");
        assertEquals(404, lifeboat.get("/api/targets/age-keys/encryption").status(), "not encrypted yet");

        var set = lifeboat.put("/api/targets/age-keys/encryption", """
                {"recipients": ["%s", "%s"], "identity": "%s"}""".formatted(ops.publicKey(), vault.publicKey(),
                ops.privateKey()));
        assertEquals(200, set.status(), set.body());
        var shown = lifeboat.get("/api/targets/age-keys/encryption");
        assertEquals(200, shown.status(), shown.body());
        assertFalse(shown.body().contains("AGE-SECRET-KEY"), "GET never shows the private key: " + shown.body());
        assertTrue(shown.json().getBoolean("encrypts"));
        assertEquals(List.of(ops.recipient().fingerprint(), vault.recipient().fingerprint()),
                shown.json().getJsonArray("recipients").getValuesAs(JsonObject.class).stream()
                        .map(r -> r.getString("fingerprint")).toList());
        assertEquals(ops.recipient().fingerprint(), shown.json().getString("identityFingerprint"));

        var created = lifeboat.post("/api/targets/age-keys/backups?wait=true", null);
        assertEquals(201, created.status(), created.body());
        JsonObject backup = created.json();
        Path artifact = Api.folder(lifeboat, backup).resolve("dump.pgc.zst.age");
        assertTrue(Files.isRegularFile(artifact), artifact + " exists");
        assertFalse(Files.exists(Api.folder(lifeboat, backup).resolve("dump.pgc.zst")), "no plain copy");
        try (InputStream in = Files.newInputStream(artifact)) {
            assertEquals("age-encryption.org/v1\n", new String(in.readNBytes(22), StandardCharsets.US_ASCII),
                    "the artifact starts with the age header line");
        }
        var manifest = lifeboat.get("/api/backups/" + backup.getString("id") + "/manifest");
        assertEquals(List.of(ops.recipient().fingerprint(), vault.recipient().fingerprint()),
                manifest.json().getJsonArray("encryption").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString).toList());
        assertFalse(manifest.body().contains(ops.publicKey()), "fingerprints, not keys");

        String restored = "age_api_" + Long.toHexString(System.nanoTime());
        var report = restore(backup.getString("id"), restored, "");
        assertEquals(201, report.status(), report.body());
        DatabaseComparison.assertSameContent(db, rich, restored);

        String wrong = "age_wrong_" + Long.toHexString(System.nanoTime());
        var refused = restore(backup.getString("id"), wrong,
                ", \"identity\": \"" + AGE.generateIdentity().privateKey() + "\"");
        assertEquals(500, refused.status(), refused.body());
        assertTrue(refused.json().getString("detail").contains("does not decrypt it"), refused.body());
        assertFalse(SampleDatabases.exists(db, wrong), "no database for a wrong key");
        assertFalse(lifeboat.logText().contains(ops.privateKey()), "the server log never holds the private key");
    }

    @Test
    void aPassphraseBackupNeedsThePassphraseAtRestoreTime() throws Exception {
        Api.createTarget(lifeboat, db, "age-passphrase", rich, "");
        String passphrase = "staple battery " + Long.toHexString(System.nanoTime());
        var set = lifeboat.put("/api/targets/age-passphrase/encryption", """
                {"passphrase": "%s"}""".formatted(passphrase));
        assertEquals(200, set.status(), set.body());
        assertFalse(set.body().contains(passphrase), set.body());

        var created = lifeboat.post("/api/targets/age-passphrase/backups?wait=true", null);
        assertEquals(201, created.status(), created.body());
        String id = created.json().getString("id");
        assertTrue(Files.isRegularFile(Api.folder(lifeboat, created.json()).resolve("dump.pgc.zst.age")));

        String none = "age_nokey_" + Long.toHexString(System.nanoTime());
        var noKey = restore(id, none, "");
        assertEquals(400, noKey.status(), noKey.body());
        String detail = noKey.json().getString("detail");
        assertTrue(detail.contains("\"identity\"") && detail.contains("\"passphrase\""), "says what to give: " + detail);
        assertFalse(SampleDatabases.exists(db, none));

        String restored = "age_pass_" + Long.toHexString(System.nanoTime());
        var report = restore(id, restored, ", \"passphrase\": \"" + passphrase + "\"");
        assertEquals(201, report.status(), report.body());
        DatabaseComparison.assertSameContent(db, rich, restored);
        assertFalse(lifeboat.logText().contains(passphrase), "the server log never holds the passphrase");
    }

    @Test
    void badSettingsAreRefusedWithWhatToDo() {
        Api.createTarget(lifeboat, db, "age-bad", rich, "");
        AgeKeyPair key = AGE.generateIdentity();

        var malformed = lifeboat.put("/api/targets/age-bad/encryption", """
                {"recipients": ["%s", "age1notakey"]}""".formatted(key.publicKey()));
        assertEquals(400, malformed.status(), malformed.body());
        assertTrue(malformed.json().getString("detail").contains("recipients[1]"), malformed.body());
        assertTrue(malformed.json().getString("detail").contains("age-keygen"), malformed.body());

        var privateAsRecipient = lifeboat.put("/api/targets/age-bad/encryption", """
                {"recipients": ["%s"]}""".formatted(key.privateKey()));
        assertEquals(400, privateAsRecipient.status(), privateAsRecipient.body());
        assertFalse(privateAsRecipient.body().contains(key.privateKey()), "the key is not echoed");

        var missingAlias = lifeboat.put("/api/targets/age-bad/encryption", """
                {"recipients": ["%s"], "identityAlias": "no-such-secret"}""".formatted(key.publicKey()));
        assertEquals(400, missingAlias.status(), missingAlias.body());
        assertTrue(missingAlias.json().getString("detail").contains("No secret is stored under the alias "
                + "'no-such-secret'"), missingAlias.body());

        var both = lifeboat.put("/api/targets/age-bad/encryption", """
                {"recipients": ["%s"], "passphrase": "x"}""".formatted(key.publicKey()));
        assertEquals(400, both.status(), both.body());

        assertEquals(404, lifeboat.get("/api/targets/age-bad/encryption").status(), "nothing was stored");
        var created = lifeboat.post("/api/targets/age-bad/backups?wait=true", null);
        assertEquals(201, created.status(), created.body());
        assertTrue(Files.isRegularFile(Api.folder(lifeboat, created.json()).resolve("dump.pgc.zst")),
                "a target without settings is backed up unencrypted");
    }

    private static LifeboatServer.Reply restore(String backupId, String database, String extra) {
        return lifeboat.post("/api/restores?wait=true", """
                {"backupId": "%s", "database": "%s"%s}""".formatted(backupId, database, extra));
    }
}
