package io.lifeboat.catalog.control;

import io.lifeboat.security.control.SigningKeys;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * The lowest-priority configuration: what Lifeboat uses when nothing else is configured.
 * The catalog defaults to the embedded cluster in the data folder, started the first time
 * anything (the container's datasource) asks where the catalog is; API tokens are verified
 * with Lifeboat's own key pair, created in the data folder at first start.
 */
public class EmbeddedDefaults implements ConfigSource {

    public static final String NAME = "lifeboat-embedded-defaults";
    public static final int DEFAULT_PORT = 54329;
    public static final String CATALOG_USER = "lifeboat";
    public static final String CATALOG_DATABASE = "lifeboat";

    private static final Set<String> KEYS = Set.of("lifeboat.catalog.url", "lifeboat.catalog.user",
            "lifeboat.catalog.password", "mp.jwt.verify.publickey", "mp.jwt.verify.issuer");

    @Override
    public Set<String> getPropertyNames() {
        return KEYS;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String key) {
        return switch (key) {
            case "lifeboat.catalog.url" -> EmbeddedCatalog.started().login(CATALOG_DATABASE).jdbcUrl();
            case "lifeboat.catalog.user" -> CATALOG_USER;
            case "lifeboat.catalog.password" -> embeddedPassword();
            case "mp.jwt.verify.publickey" -> SigningKeys.inDataFolder().publicKeyPem();
            case "mp.jwt.verify.issuer" -> SigningKeys.ISSUER;
            default -> null;
        };
    }

    public static int embeddedPort() {
        String port = System.getProperty("lifeboat.catalog.embedded.port",
                System.getenv().getOrDefault("LIFEBOAT_CATALOG_EMBEDDED_PORT", String.valueOf(DEFAULT_PORT)));
        return Integer.parseInt(port.strip());
    }

    public static String embeddedPassword() {
        return DataFolder.secretFile(DataFolder.resolve("catalog/password"));
    }

    @Override
    public int getOrdinal() {
        return 10;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
