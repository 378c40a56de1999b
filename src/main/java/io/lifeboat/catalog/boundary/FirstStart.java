package io.lifeboat.catalog.boundary;

import io.lifeboat.catalog.control.DataFolder;
import io.lifeboat.catalog.control.EmbeddedCatalog;
import io.lifeboat.catalog.control.EmbeddedDefaults;
import io.lifeboat.destinations.entity.DestinationConfig;
import io.lifeboat.security.control.ApiTokens;
import io.lifeboat.security.control.SigningKeys;
import io.lifeboat.security.control.Tokens;
import io.lifeboat.targets.boundary.TargetRequest;
import io.lifeboat.targets.control.ConfiguredTargets;
import io.lifeboat.targets.control.Targets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What a fresh Lifeboat needs to be usable at once: the local destination, the demo target on
 * the embedded cluster, the targets from configuration, and a first admin API token in a 0600
 * file whose path (never its value) is logged.
 */
@ApplicationScoped
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());
    private static final String FIRST_TOKEN = "first-admin";

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    @Inject
    Targets targets;

    @Inject
    ConfiguredTargets configuredTargets;

    @Inject
    ApiTokens apiTokens;

    @Inject
    @ConfigProperty(name = "lifeboat.destinations.local.path")
    Optional<String> localPath;

    @Inject
    @ConfigProperty(name = "lifeboat.security.first-token-days", defaultValue = "90")
    int firstTokenDays;

    @Transactional
    void onReady(@Observes CatalogReady ready) {
        if (em.find(DestinationConfig.class, "local") == null) {
            Path folder = localPath.map(p -> Path.of(p).toAbsolutePath()).orElse(DataFolder.resolve("backups"));
            em.persist(new DestinationConfig("local", DestinationConfig.Kind.LOCAL, folder.toString()));
            LOG.info(() -> "Local destination: " + folder);
        }
        if (ready.embedded() && targets.find(EmbeddedCatalog.DEMO_DATABASE).isEmpty()) {
            targets.create(new TargetRequest(EmbeddedCatalog.DEMO_DATABASE, "127.0.0.1", EmbeddedDefaults.embeddedPort(),
                    EmbeddedCatalog.DEMO_DATABASE, EmbeddedDefaults.CATALOG_USER, EmbeddedDefaults.embeddedPassword(),
                    null, null, new TargetRequest.ScheduleRequest("0 2 * * *", "UTC"), null, null, null, null), "local");
            LOG.info("Registered the demo database as target 'demo', backed up nightly at 02:00 UTC");
        }
        configuredTargets.apply();
        writeFirstToken();
    }

    /** A first token written before tokens were registered in the catalog keeps working. */
    private void adoptFirstToken(Path file) {
        try {
            if (apiTokens.adopt(Files.readString(file), "lifeboat")) {
                LOG.info(() -> "Registered the first admin API token of " + file + " in the catalog");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the first admin token " + file, e);
        }
    }

    private void writeFirstToken() {
        Path file = DataFolder.resolve("admin-token");
        if (Files.exists(file)) {
            adoptFirstToken(file);
            LOG.info(() -> "Admin API token: " + file);
            return;
        }
        var issued = new Tokens(SigningKeys.inDataFolder())
                .issue(FIRST_TOKEN, Tokens.Role.ADMIN, Duration.ofDays(firstTokenDays));
        apiTokens.register(issued, FIRST_TOKEN, Tokens.Role.ADMIN, "lifeboat");
        try {
            DataFolder.writePrivate(file, issued.token() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the first admin token to " + file, e);
        }
        LOG.info(() -> "First admin API token written to " + file + " (readable by its owner only, expires "
                + issued.expiresAt() + "). Use it as: Authorization: Bearer $(cat " + file + ")");
    }
}
