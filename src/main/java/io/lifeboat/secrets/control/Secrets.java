package io.lifeboat.secrets.control;

import io.lifeboat.secrets.entity.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;

/**
 * Passwords by alias. A configured value ({@code lifeboat.secrets.<alias>}, environment
 * {@code LIFEBOAT_SECRETS_<ALIAS>}) wins; otherwise the catalog's encrypted copy is used.
 */
@ApplicationScoped
public class Secrets {

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    @Inject
    Config config;

    private volatile SecretCipher cipher;

    @Transactional
    public void put(String alias, String password) {
        byte[] sealed = cipher().encrypt(alias, password);
        Secret existing = em.find(Secret.class, alias);
        if (existing == null) {
            em.persist(new Secret(alias, sealed));
        } else {
            existing.replace(sealed);
        }
    }

    @Transactional
    public void remove(String alias) {
        Secret existing = em.find(Secret.class, alias);
        if (existing != null) {
            em.remove(existing);
        }
    }

    public Optional<String> resolve(String alias) {
        Optional<String> configured = config.getOptionalValue("lifeboat.secrets." + alias, String.class);
        if (configured.isPresent()) {
            return configured;
        }
        return Optional.ofNullable(em.find(Secret.class, alias)).map(s -> cipher().decrypt(alias, s.ciphertext()));
    }

    private SecretCipher cipher() {
        if (cipher == null) {
            cipher = SecretCipher.fromConfiguredOrDataFolder(
                    config.getOptionalValue("lifeboat.secrets.key", String.class).orElse(null));
        }
        return cipher;
    }
}
