package io.lifeboat.security.control;

import io.lifeboat.catalog.control.DataFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Lifeboat's own RSA key pair for API tokens, created at first start in the data folder
 * ({@code keys/jwt-private.pem}, readable by its owner only, and {@code keys/jwt-public.pem}).
 */
public record SigningKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {

    public static final String ISSUER = "lifeboat";

    public static synchronized SigningKeys inDataFolder() {
        return in(DataFolder.resolve("keys"));
    }

    public static synchronized SigningKeys in(Path folder) {
        Path privateFile = folder.resolve("jwt-private.pem");
        Path publicFile = folder.resolve("jwt-public.pem");
        try {
            if (!Files.exists(privateFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(3072);
                KeyPair pair = generator.generateKeyPair();
                DataFolder.writePrivate(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile))));
            var privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
            return new SigningKeys(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token keys in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The token keys in " + folder + " are damaged: move them away and "
                    + "restart Lifeboat to create new ones (existing tokens stop working)", e);
        }
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
