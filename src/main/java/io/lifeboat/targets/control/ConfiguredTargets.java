package io.lifeboat.targets.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.targets.boundary.TargetRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.util.List;
import java.util.logging.Logger;

/**
 * Targets declared in configuration, applied at every start:
 * <pre>
 * lifeboat.targets=crm,bot                                   (LIFEBOAT_TARGETS)
 * lifeboat.targets.crm.url=postgresql://backup@db:5432/crm   (LIFEBOAT_TARGETS_CRM_URL)
 * lifeboat.targets.crm.password-alias=crm-db                 (password in lifeboat.secrets.crm-db)
 * lifeboat.targets.crm.schedule=0 2 * * *
 * lifeboat.targets.crm.zone=Europe/Berlin
 * lifeboat.targets.crm.format=CUSTOM_ZSTD
 * </pre>
 */
@ApplicationScoped
public class ConfiguredTargets {

    private static final Logger LOG = Logger.getLogger(ConfiguredTargets.class.getName());

    @Inject
    Config config;

    @Inject
    Targets targets;

    public void apply() {
        List<String> names = config.getOptionalValues("lifeboat.targets", String.class).orElse(List.of());
        for (String name : names) {
            String prefix = "lifeboat.targets." + name + ".";
            URI url = URI.create(config.getValue(prefix + "url", String.class));
            String alias = config.getOptionalValue(prefix + "password-alias", String.class).orElse(name);
            String cron = config.getOptionalValue(prefix + "schedule", String.class).orElse(null);
            String zone = config.getOptionalValue(prefix + "zone", String.class).orElse("UTC");
            BackupFormat format = config.getOptionalValue(prefix + "format", String.class)
                    .map(BackupFormat::valueOf).orElse(BackupFormat.CUSTOM_ZSTD);
            var request = new TargetRequest(name, url.getHost(), url.getPort() < 0 ? 5432 : url.getPort(),
                    url.getPath().replaceFirst("^/", ""), url.getUserInfo(), null, alias, format,
                    cron == null ? null : new TargetRequest.ScheduleRequest(cron, zone), null, null,
                    config.getOptionalValues(prefix + "destinations", String.class).orElse(null), null);
            if (targets.find(name).isPresent()) {
                targets.update(name, request);
            } else {
                targets.create(request, config.getOptionalValue("lifeboat.destinations.default", String.class)
                        .orElse("local"));
            }
            LOG.info(() -> "Target '" + name + "' from configuration: " + request);
        }
    }
}
