package io.lifeboat.encryption.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips, several recipients, wrong keys and damaged files, all through the real age format. */
class AgeEncryptionTest {

    private static final int CHUNK = 64 * 1024;
    private static final int FAST_WORK_FACTOR = 10;
    private static final long LARGE = 30L * 1024 * 1024;
    private static final long HEAP_GROWTH_LIMIT = 8L * 1024 * 1024;

    private final AgeEncryption age = new AgeEncryption();

    @Test
    void thirtyMegabytesStreamThroughWithoutBeingHeldInMemory(@TempDir Path dir) throws IOException {
        AgeKeyPair pair = age.generateIdentity();
        Path encrypted = dir.resolve("dump.pgc.zst.age");
        long mark = LARGE * 5 / 6;
        long baseline = heapAfterGc();
        List<Long> growth = new ArrayList<>();

        try (InputStream plain = new GeneratedBytes(LARGE, 42);
             OutputStream out = age.encrypt(Files.newOutputStream(encrypted), List.of(pair.recipient()))) {
            byte[] buffer = new byte[CHUNK];
            long written = 0;
            for (int read; (read = plain.read(buffer)) != -1; ) {
                out.write(buffer, 0, read);
                if (written < mark && written + read >= mark) {
                    growth.add(heapAfterGc() - baseline);
                }
                written += read;
            }
        }
        DigestingSink decrypted = new DigestingSink(mark, () -> growth.add(heapAfterGc() - baseline));
        try (InputStream in = age.decrypt(Files.newInputStream(encrypted), List.of(pair.identity()))) {
            in.transferTo(decrypted);
        }

        DigestingSink expected = new DigestingSink();
        new GeneratedBytes(LARGE, 42).transferTo(expected);
        assertEquals(LARGE, decrypted.size());
        assertEquals(expected.sha256(), decrypted.sha256());
        assertTrue(Files.size(encrypted) > LARGE, "the file holds the ciphertext, not a copy of the plain text");
        assertEquals(2, growth.size());
        assertTrue(growth.stream().allMatch(g -> g < HEAP_GROWTH_LIMIT), "heap grew by " + growth + " bytes mid-stream");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17})
    void everySizeAroundTheChunkBoundariesComesBackExactly(int size) throws IOException {
        AgeKeyPair pair = age.generateIdentity();
        byte[] plain = new GeneratedBytes(size, size).readAllBytes();
        byte[] encrypted = encrypt(plain, List.of(pair.recipient()));

        assertArrayEquals(plain, decrypt(encrypted, List.of(pair.identity())));
        assertArrayEquals(plain, decryptByteByByte(encrypted, List.of(pair.identity())));
        assertFalse(size > 16 && indexOf(encrypted, Arrays.copyOf(plain, 16)) >= 0, "plain text leaked into the file");
    }

    @Test
    void eachOfSeveralRecipientsDecryptsAlone() throws IOException {
        AgeKeyPair office = age.generateIdentity();
        AgeKeyPair vault = age.generateIdentity();
        byte[] plain = "pg_dump output".getBytes(StandardCharsets.UTF_8);
        byte[] encrypted = encrypt(plain, List.of(office.recipient(), vault.recipient()));

        assertArrayEquals(plain, decrypt(encrypted, List.of(office.identity())));
        assertArrayEquals(plain, decrypt(encrypted, List.of(vault.identity())));
        AgeKeyPair stranger = age.generateIdentity();
        assertArrayEquals(plain, decrypt(encrypted, List.of(stranger.identity(), vault.identity())),
                "a non-matching key before the right one does not stop decryption");
    }

    @Test
    void aPassphraseRoundTrips() throws IOException {
        byte[] plain = new GeneratedBytes(CHUNK + 5, 3).readAllBytes();
        byte[] encrypted = encrypt(plain, List.of(new PassphraseRecipient("correct horse".toCharArray(), FAST_WORK_FACTOR)));

        String header = new String(encrypted, 0, 120, StandardCharsets.US_ASCII);
        assertTrue(header.matches("(?s)age-encryption\\.org/v1\n-> scrypt [A-Za-z0-9+/]{22} 10\n.*"), header);
        assertArrayEquals(plain, decrypt(encrypted, List.of(new PassphraseIdentity("correct horse".toCharArray()))));
    }

    @Test
    void aWrongKeyIsRefusedNamingTheRecipientsAndTheKeysTried() throws IOException {
        AgeKeyPair owner = age.generateIdentity();
        AgeKeyPair stranger = age.generateIdentity();
        byte[] encrypted = encrypt(new byte[100], List.of(owner.recipient()));
        List<String> manifest = age.fingerprints(List.of(owner.recipient()));

        NoMatchingKeyException named = assertThrows(NoMatchingKeyException.class,
                () -> age.decrypt(new ByteArrayInputStream(encrypted), List.of(stranger.identity()), manifest));
        assertTrue(named.getMessage().startsWith("None of the given keys can decrypt this backup: it was encrypted for "
                + owner.recipient().fingerprint() + "; tried " + stranger.identity().fingerprint()), named.getMessage());
        assertFalse(named.getMessage().contains(stranger.privateKey()));

        NoMatchingKeyException unnamed = assertThrows(NoMatchingKeyException.class,
                () -> age.decrypt(new ByteArrayInputStream(encrypted), List.of(stranger.identity())));
        assertTrue(unnamed.getMessage().contains("encrypted for 1 X25519 public key(s)"), unnamed.getMessage());
    }

    @Test
    void aWrongPassphraseIsRefusedWithoutRepeatingIt() throws IOException {
        byte[] encrypted = encrypt(new byte[10], List.of(new PassphraseRecipient("right one".toCharArray(), FAST_WORK_FACTOR)));

        NoMatchingKeyException wrong = assertThrows(NoMatchingKeyException.class, () -> age.decrypt(
                new ByteArrayInputStream(encrypted), List.of(new PassphraseIdentity("wrong one".toCharArray()))));
        assertTrue(wrong.getMessage().contains("it was encrypted for a passphrase; tried scrypt (the passphrase is wrong)"),
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong one"));

        AgeKeyPair key = age.generateIdentity();
        NoMatchingKeyException notForKeys = assertThrows(NoMatchingKeyException.class,
                () -> age.decrypt(new ByteArrayInputStream(encrypted), List.of(key.identity())));
        assertTrue(notForKeys.getMessage().contains("it was not encrypted for any X25519 public key"), notForKeys.getMessage());
    }

    @Test
    void aPassphraseFileAskingForTooMuchScryptWorkIsRefused() throws IOException {
        byte[] encrypted = encrypt(new byte[10], List.of(new PassphraseRecipient("pw".toCharArray(), 12)));

        NoMatchingKeyException refused = assertThrows(NoMatchingKeyException.class, () -> age.decrypt(
                new ByteArrayInputStream(encrypted), List.of(new PassphraseIdentity("pw".toCharArray(), 11))));
        assertTrue(refused.getMessage().contains("scrypt work factor 12, above the limit of 11"), refused.getMessage());
        assertEquals(10, decrypt(encrypted, List.of(new PassphraseIdentity("pw".toCharArray(), 12))).length);
    }

    @Test
    void aPassphraseCannotShareAFileWithOtherRecipients() {
        AgeKeyPair pair = age.generateIdentity();
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> age.encrypt(
                new ByteArrayOutputStream(), List.of(pair.recipient(), new PassphraseRecipient("pw".toCharArray()))));
        assertTrue(mixed.getMessage().startsWith("A passphrase must be the only recipient"), mixed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> age.encrypt(new ByteArrayOutputStream(), List.of()));
    }

    @Test
    void aTruncatedFileNeverDecryptsToShorterData() throws IOException {
        AgeKeyPair pair = age.generateIdentity();
        byte[] encrypted = encrypt(new GeneratedBytes(3 * CHUNK + 3392, 9).readAllBytes(), List.of(pair.recipient()));
        int header = headerLength(encrypted);
        int payload = header + 16;
        int[] cuts = {header / 2, header, payload, payload + 100, payload + CHUNK + 16, payload + 2 * (CHUNK + 16),
                encrypted.length - 1};

        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(encrypted, cut);
            assertThrows(DamagedCiphertextException.class, () -> decrypt(truncated, List.of(pair.identity())),
                    "cut at " + cut + " of " + encrypted.length);
        }
    }

    @Test
    void aModifiedFileIsRefusedNotDecryptedToOtherData() throws IOException {
        AgeKeyPair pair = age.generateIdentity();
        byte[] encrypted = encrypt(new GeneratedBytes(2 * CHUNK + 10, 5).readAllBytes(), List.of(pair.recipient()));
        int header = headerLength(encrypted);
        int[] positions = {header - 5, header + 3, header + 16 + 10, header + 16 + CHUNK + 40, encrypted.length - 1};

        for (int position : positions) {
            byte[] tampered = encrypted.clone();
            tampered[position] ^= 0x01;
            DamagedCiphertextException damaged = assertThrows(DamagedCiphertextException.class,
                    () -> decrypt(tampered, List.of(pair.identity())), "byte " + position + " flipped");
            assertTrue(damaged.getMessage().contains("restore from another copy"), damaged.getMessage());
        }
        byte[] appended = Arrays.copyOf(encrypted, encrypted.length + 1);
        assertThrows(DamagedCiphertextException.class, () -> decrypt(appended, List.of(pair.identity())));
    }

    @Test
    void aFileThatIsNotAgeIsNamedAsSuch() {
        AgeKeyPair pair = age.generateIdentity();
        byte[] dump = "PGDMP plain dump, not encrypted".getBytes(StandardCharsets.US_ASCII);

        DamagedCiphertextException notAge = assertThrows(DamagedCiphertextException.class,
                () -> age.decrypt(new ByteArrayInputStream(dump), List.of(pair.identity())));
        assertTrue(notAge.getMessage().startsWith("This is not an age-encrypted file"), notAge.getMessage());
    }

    private byte[] encrypt(byte[] plain, List<? extends Recipient> recipients) throws IOException {
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        try (OutputStream out = age.encrypt(encrypted, recipients)) {
            out.write(plain);
        }
        return encrypted.toByteArray();
    }

    private byte[] decrypt(byte[] encrypted, List<? extends Identity> identities) throws IOException {
        try (InputStream in = age.decrypt(new ByteArrayInputStream(encrypted), identities)) {
            return in.readAllBytes();
        }
    }

    private byte[] decryptByteByByte(byte[] encrypted, List<? extends Identity> identities) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (InputStream in = age.decrypt(new ByteArrayInputStream(encrypted), identities)) {
            for (int b; (b = in.read()) != -1; ) {
                plain.write(b);
            }
        }
        return plain.toByteArray();
    }

    /** Bytes up to and including the header's MAC line. */
    private static int headerLength(byte[] encrypted) {
        int mac = indexOf(encrypted, "\n--- ".getBytes(StandardCharsets.US_ASCII));
        int end = mac + 1;
        while (encrypted[end] != '\n') {
            end++;
        }
        return end + 1;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
