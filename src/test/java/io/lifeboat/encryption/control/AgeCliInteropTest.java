package io.lifeboat.encryption.control;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Files written here open with the real {@code age} command and the other way round, so a backup can be restored
 * with standard tools and no Lifeboat. age reads passphrases from a terminal only: {@code script} provides one.
 */
class AgeCliInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("lifeboat.test.age.timeout.seconds", 60));
    private static final int SIZE = 3 * 64 * 1024 + 1234;
    private static final int FAST_WORK_FACTOR = 10;

    private final AgeEncryption age = new AgeEncryption();

    @TempDir
    Path dir;

    @BeforeAll
    static void ageIsInstalled() throws Exception {
        for (String tool : List.of("age", "age-keygen", "script")) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            if (!which.waitFor(10, TimeUnit.SECONDS) || which.exitValue() != 0) {
                fail(tool + " is not installed: install Debian's packages age and util-linux (apt-get install -y age)");
            }
        }
    }

    @Test
    void whatLifeboatEncryptsForSeveralKeysOpensWithAgeAndEachKeyFile() throws Exception {
        AgeKeyPair office = age.generateIdentity();
        AgeKeyPair vault = age.generateIdentity();
        Path plain = generated("dump.pgc.zst");
        Path encrypted = dir.resolve("dump.pgc.zst.age");
        try (InputStream in = Files.newInputStream(plain);
             OutputStream out = age.encrypt(Files.newOutputStream(encrypted), List.of(office.recipient(), vault.recipient()))) {
            in.transferTo(out);
        }

        for (AgeKeyPair pair : List.of(office, vault)) {
            Path keyFile = secretFile("key.txt", pair.keyFile());
            Path decrypted = dir.resolve("decrypted");
            run(null, "age", "-d", "-i", keyFile.toString(), "-o", decrypted.toString(), encrypted.toString());
            assertEquals(-1, Files.mismatch(plain, decrypted), "age decrypts to the same bytes");
        }
    }

    @Test
    void whatAgeEncryptsForAKeyFromAgeKeygenOpensInLifeboat() throws Exception {
        Path keyFile = dir.resolve("key.txt");
        run(null, "age-keygen", "-o", keyFile.toString());
        String publicKey = run(null, "age-keygen", "-y", keyFile.toString()).strip();
        Path plain = generated("files.tar.zst");
        Path encrypted = dir.resolve("files.tar.zst.age");
        assertTrue(Recipient.parse(publicKey).fingerprint().startsWith("x25519:sha256:"), "age-keygen's public key parses");
        run(null, "age", "-r", publicKey, "-o", encrypted.toString(), plain.toString());

        List<Identity> keys = Identity.parseKeyFile(Files.readString(keyFile));
        assertEquals(-1, Files.mismatch(plain, decrypted(encrypted, keys)), "Lifeboat decrypts to the same bytes");
    }

    @Test
    void aPassphraseFileFromLifeboatOpensWithAge() throws Exception {
        char[] passphrase = "lifeboat interop passphrase".toCharArray();
        Path plain = generated("dump.sql.gz");
        Path encrypted = dir.resolve("dump.sql.gz.age");
        try (InputStream in = Files.newInputStream(plain);
             OutputStream out = age.encrypt(Files.newOutputStream(encrypted),
                     List.of(new PassphraseRecipient(passphrase, FAST_WORK_FACTOR)))) {
            in.transferTo(out);
        }

        Path decrypted = dir.resolve("decrypted");
        onTerminal(new String(passphrase) + "\n", "age -d -o '" + decrypted + "' '" + encrypted + "'");
        assertEquals(-1, Files.mismatch(plain, decrypted), "age decrypts to the same bytes");
    }

    @Test
    void aPassphraseFileFromAgeOpensInLifeboat() throws Exception {
        String passphrase = "age interop passphrase";
        Path plain = generated("dump.pgc.zst");
        Path encrypted = dir.resolve("dump.pgc.zst.age");
        onTerminal(passphrase + "\n" + passphrase + "\n", "age -p -o '" + encrypted + "' '" + plain + "'");
        try (InputStream in = Files.newInputStream(encrypted)) {
            String header = new String(in.readNBytes(40), StandardCharsets.US_ASCII);
            assertTrue(header.startsWith("age-encryption.org/v1\n-> scrypt "), "age wrote a passphrase file");
        }

        Path decrypted = decrypted(encrypted, List.of(new PassphraseIdentity(passphrase.toCharArray())));
        assertEquals(-1, Files.mismatch(plain, decrypted), "Lifeboat decrypts to the same bytes");
    }

    private Path generated(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = new GeneratedBytes(SIZE, name.hashCode()); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return file;
    }

    private Path decrypted(Path encrypted, List<Identity> identities) throws IOException {
        Path decrypted = dir.resolve("decrypted-by-lifeboat");
        try (InputStream in = age.decrypt(Files.newInputStream(encrypted), identities);
             OutputStream out = Files.newOutputStream(decrypted)) {
            in.transferTo(out);
        }
        return decrypted;
    }

    private Path secretFile(String name, String contents) throws IOException {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, contents);
        return file;
    }

    /** Runs a shell command line on a pseudo-terminal, typing {@code input} into it (age reads passphrases there). */
    private void onTerminal(String input, String commandLine) throws Exception {
        run(input, "script", "-qec", commandLine, "/dev/null");
    }

    private String run(String input, String... command) throws Exception {
        Path output = Files.createTempFile(dir, "output", ".txt");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command[0] + " did not finish within " + TIMEOUT + " (raise lifeboat.test.age.timeout.seconds)");
        }
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), command[0] + " failed: " + (input == null ? printed : "(output hidden)"));
        return printed;
    }
}
