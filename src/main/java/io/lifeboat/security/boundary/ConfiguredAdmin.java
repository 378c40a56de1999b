package io.lifeboat.security.boundary;

import io.lifeboat.catalog.boundary.CatalogReady;
import io.lifeboat.secrets.control.Secrets;
import io.lifeboat.security.control.Audit;
import io.lifeboat.security.control.Tokens.Role;
import io.lifeboat.security.control.Users;
import io.lifeboat.security.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * An admin from configuration instead of the setup page: {@code lifeboat.admin.name} and
 * {@code lifeboat.admin.password-alias} (a secret by alias). Created once, when the user does not exist.
 */
@ApplicationScoped
public class ConfiguredAdmin {

    private static final Logger LOG = Logger.getLogger(ConfiguredAdmin.class.getName());

    @Inject
    @ConfigProperty(name = "lifeboat.admin.name")
    Optional<String> name;

    @Inject
    @ConfigProperty(name = "lifeboat.admin.password-alias")
    Optional<String> passwordAlias;

    @Inject
    Secrets secrets;
    @Inject
    Users users;
    @Inject
    Audit audit;

    void onReady(@Observes CatalogReady ready) {
        if (name.isEmpty() || users.find(name.get()).isPresent()) {
            return;
        }
        if (passwordAlias.isEmpty()) {
            LOG.severe(() -> "lifeboat.admin.name is set but lifeboat.admin.password-alias is not: set both, "
                    + "or neither and create the first admin on the setup page");
            return;
        }
        Optional<String> password = secrets.resolve(passwordAlias.get());
        if (password.isEmpty()) {
            LOG.severe(() -> "The admin's password alias '" + passwordAlias.get() + "' names no secret: set "
                    + "lifeboat.secrets." + passwordAlias.get() + " (LIFEBOAT_SECRETS_" + passwordAlias.get()
                    .toUpperCase().replaceAll("[^A-Z0-9]", "_") + ") and restart Lifeboat");
            return;
        }
        users.create(name.get(), password.get().toCharArray(), Role.ADMIN, null);
        audit.record(AuditEntry.of("lifeboat", null, "user.create", name.get(), AuditEntry.Result.SUCCESS,
                "admin from configuration"));
        LOG.info(() -> "Created the admin '" + name.get() + "' from configuration");
    }
}
