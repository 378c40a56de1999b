package io.lifeboat.encryption.control;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import org.bouncycastle.crypto.generators.SCrypt;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The age "scrypt" recipient stanza (age-encryption.org/v1): {@code -> scrypt <base64 salt> <log2 N>}, its body the
 * file key sealed with ChaCha20-Poly1305 under scrypt(passphrase, "age-encryption.org/v1/scrypt" || salt, N, 8, 1)
 * and a zero nonce. Such a stanza must be the only one in its header.
 */
final class ScryptStanzas {

    static final String TYPE = "scrypt";
    private static final byte[] LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;
    private static final int FILE_KEY_BYTES = 16;
    private static final int BODY_BYTES = FILE_KEY_BYTES + 16;
    private static final int WRAP_KEY_BYTES = 32;
    private static final Pattern WORK_FACTOR = Pattern.compile("[1-9][0-9]?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScryptStanzas() {
    }

    static RecipientStanzaWriter writer(PassphraseRecipient recipient) {
        return fileKey -> {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            byte[] body = chaCha(Cipher.ENCRYPT_MODE, wrapKey(recipient.passphrase(), salt, recipient.workFactor()),
                    fileKey.getEncoded());
            List<String> arguments = List.of(Base64.getEncoder().withoutPadding().encodeToString(salt),
                    Integer.toString(recipient.workFactor()));
            return List.of(new Stanza(TYPE, arguments, body));
        };
    }

    static RecipientStanzaReader reader(PassphraseIdentity identity) {
        return stanzas -> {
            List<RecipientStanza> all = StreamSupport.stream(stanzas.spliterator(), false).toList();
            List<RecipientStanza> scrypt = all.stream().filter(s -> TYPE.equals(s.getType())).toList();
            if (scrypt.isEmpty()) {
                throw new UnsupportedRecipientStanzaException("it was not encrypted with a passphrase");
            }
            if (all.size() != 1) {
                throw new InvalidKeyException("its header mixes a passphrase with other recipients, which the age"
                        + " format forbids: the file is damaged or was not written by an age implementation");
            }
            RecipientStanza stanza = scrypt.get(0);
            List<String> arguments = stanza.getArguments();
            if (arguments.size() != 2 || stanza.getBody().length != BODY_BYTES
                    || !WORK_FACTOR.matcher(arguments.get(1)).matches()) {
                throw new InvalidKeyException("its passphrase stanza is malformed: the header is damaged");
            }
            byte[] salt = canonicalBase64(arguments.get(0));
            int workFactor = Integer.parseInt(arguments.get(1));
            if (workFactor > identity.highestWorkFactor()) {
                throw new InvalidKeyException("it asks for scrypt work factor " + workFactor + ", above the limit of "
                        + identity.highestWorkFactor() + ": if the file is trusted, raise the passphrase's highest work factor");
            }
            try {
                byte[] fileKey = chaCha(Cipher.DECRYPT_MODE, wrapKey(identity.passphrase(), salt, workFactor), stanza.getBody());
                return new FileKey(fileKey);
            } catch (AEADBadTagException e) {
                throw new InvalidKeyException("the passphrase is wrong", e);
            }
        };
    }

    private static byte[] canonicalBase64(String text) throws InvalidKeyException {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length == SALT_BYTES && Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidKeyException("its passphrase stanza has a malformed salt: the header is damaged");
    }

    private static byte[] wrapKey(char[] passphrase, byte[] salt, int workFactor) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] password = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        byte[] labelledSalt = new byte[LABEL.length + salt.length];
        System.arraycopy(LABEL, 0, labelledSalt, 0, LABEL.length);
        System.arraycopy(salt, 0, labelledSalt, LABEL.length, salt.length);
        try {
            return SCrypt.generate(password, labelledSalt, 1 << workFactor, 8, 1, WRAP_KEY_BYTES);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static byte[] chaCha(int mode, byte[] key, byte[] input) throws GeneralSecurityException {
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(new byte[12]));
            return cipher.doFinal(input);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private record Stanza(String type, List<String> arguments, byte[] body) implements RecipientStanza {

        @Override
        public String getType() {
            return type;
        }

        @Override
        public List<String> getArguments() {
            return arguments;
        }

        @Override
        public byte[] getBody() {
            return body.clone();
        }
    }
}
