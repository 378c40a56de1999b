package io.lifeboat.security.boundary;

import io.lifeboat.security.control.ApiTokens;
import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.ClientAddress;
import io.lifeboat.security.control.LoginThrottle;
import io.lifeboat.security.control.SigningKeys;
import io.lifeboat.security.control.Users;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;

/** Makes the security catalog classes injectable, built once on the container's catalog datasource. */
@ApplicationScoped
public class SecurityCatalog {

    /** OWASP's recommendation for PBKDF2-HMAC-SHA512. */
    static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");

    @Resource(lookup = "java:app/jdbc/catalog")
    DataSource catalog;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    @ConfigProperty(name = "lifeboat.security.trusted-proxies")
    Optional<String> trustedProxies;

    private Users users;
    private ApiTokens tokens;

    @Produces
    synchronized Users users() {
        if (users == null) {
            passwordHash.initialize(HASH_PARAMETERS);
            users = new Users(catalog, passwordHash);
        }
        return users;
    }

    @Produces
    synchronized ApiTokens tokens() {
        if (tokens == null) {
            tokens = new ApiTokens(catalog, SigningKeys.inDataFolder());
        }
        return tokens;
    }

    @Produces
    LoginThrottle throttle() {
        return new LoginThrottle(catalog);
    }

    @Produces
    Audit audit() {
        return new Audit(catalog);
    }

    @Produces
    ClientAddress clientAddress() {
        return ClientAddress.trusting(trustedProxies.orElse(""));
    }
}
