package io.lifeboat.encryption.control;

import com.exceptionfactory.jagged.PayloadException;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypts and decrypts streams in the age format (age-encryption.org/v1), in 64 KiB chunks with constant memory.
 * Files it writes decrypt with {@code age -d -i key.txt}; files {@code age} writes decrypt here.
 * Manifests record {@link #fingerprints(List) fingerprints} of the recipients, never keys.
 */
@ApplicationScoped
public class AgeEncryption {

    /**
     * Wraps {@code out} so that what is written to the result reaches {@code out} encrypted. Closing the result writes
     * the final chunk and closes {@code out}; a stream left unclosed is an incomplete file that will not decrypt.
     *
     * @param recipients age public keys, or one passphrase alone
     * @throws IllegalArgumentException when there is no recipient, or a passphrase is mixed with other recipients
     */
    public OutputStream encrypt(OutputStream out, List<? extends Recipient> recipients) throws IOException {
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        for (Recipient recipient : checked(recipients)) {
            writers.add(writerOf(recipient));
        }
        try {
            WritableByteChannel channel = new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(out), writers);
            return Channels.newOutputStream(channel);
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not start age encryption (" + e.getMessage() + "): check that this JVM offers"
                    + " X25519, ChaCha20-Poly1305 and HKDF-SHA-256 (Java 17 or newer)", e);
        }
    }

    /** {@link #decrypt(InputStream, List, List)} without knowing whom the file was encrypted for. */
    public InputStream decrypt(InputStream in, List<? extends Identity> identities) throws IOException {
        return decrypt(in, identities, List.of());
    }

    /**
     * Reads the age header of {@code in} now and returns its plain text as a stream. Closing the result closes {@code in}.
     *
     * @param identities            private keys and passphrases to try, in order
     * @param recipientFingerprints the manifest's fingerprints of the recipients, to name them when no key matches
     * @throws NoMatchingKeyException      when none of the identities opens the file
     * @throws DamagedCiphertextException  when it is not an age file, or its header was modified or truncated;
     *                                     the returned stream throws it too when a later chunk was
     */
    public InputStream decrypt(InputStream in, List<? extends Identity> identities, List<String> recipientFingerprints)
            throws IOException {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("Decryption needs at least one private key or passphrase");
        }
        HeaderAttempts attempts = new HeaderAttempts();
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (Identity identity : identities) {
            readers.add(attempts.watch(identity, readerOf(identity)));
        }
        try {
            ReadableByteChannel channel = new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(in), readers);
            return new DecryptedStream(Channels.newInputStream(channel));
        } catch (GeneralSecurityException | PayloadException e) {
            throw attempts.failure(e, recipientFingerprints);
        }
    }

    /** A new X25519 key pair, as {@code age-keygen} makes one. */
    public AgeKeyPair generateIdentity() {
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            return new AgeKeyPair(pair.getPrivate().toString(), pair.getPublic().toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate X25519 keys: run Lifeboat on Java 17 or newer", e);
        }
    }

    /** What a manifest records about the recipients of an encrypted artifact: fingerprints, never keys. */
    public List<String> fingerprints(List<? extends Recipient> recipients) {
        return recipients.stream().map(Recipient::fingerprint).toList();
    }

    private static List<? extends Recipient> checked(List<? extends Recipient> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("Encryption needs at least one recipient: an age public key or a passphrase");
        }
        boolean passphrase = recipients.stream().anyMatch(PassphraseRecipient.class::isInstance);
        if (passphrase && recipients.size() > 1) {
            throw new IllegalArgumentException("A passphrase must be the only recipient of an encrypted file (the age"
                    + " format requires it): encrypt for age public keys to have several recipients");
        }
        return recipients;
    }

    private static RecipientStanzaWriter writerOf(Recipient recipient) throws IOException {
        if (recipient instanceof PassphraseRecipient passphrase) {
            return ScryptStanzas.writer(passphrase);
        }
        try {
            return ((X25519Recipient) recipient).stanzaWriter();
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not use the recipient " + recipient.fingerprint() + ": " + e.getMessage(), e);
        }
    }

    private static RecipientStanzaReader readerOf(Identity identity) throws IOException {
        if (identity instanceof PassphraseIdentity passphrase) {
            return ScryptStanzas.reader(passphrase);
        }
        try {
            return ((X25519Identity) identity).stanzaReader();
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not use the key " + identity.fingerprint() + " (" + e.getClass().getSimpleName()
                    + "): check that it is an age private key", e);
        }
    }
}
