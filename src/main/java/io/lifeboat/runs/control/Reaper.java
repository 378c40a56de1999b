package io.lifeboat.runs.control;

import io.lifeboat.backups.control.BackupRemoval;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.runs.entity.Run;
import io.lifeboat.targets.control.Targets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends runs whose Lifeboat instance died (no heartbeat for longer than
 * {@code lifeboat.runs.heartbeat-timeout}): their partial files are removed first, while the run
 * still blocks new backups of the target, then the run is marked failed with the reason.
 */
@ApplicationScoped
public class Reaper {

    private static final Logger LOG = Logger.getLogger(Reaper.class.getName());

    @Inject
    Runs runs;
    @Inject
    Targets targets;
    @Inject
    Destinations destinations;

    @Inject
    @ConfigProperty(name = HeartbeatTimeout.KEY, defaultValue = "PT2M")
    String configuredHeartbeatTimeout;

    private Duration heartbeatTimeout;

    @PostConstruct
    void readHeartbeatTimeout() {
        HeartbeatTimeout timeout = HeartbeatTimeout.of(configuredHeartbeatTimeout);
        timeout.warning().ifPresent(LOG::warning);
        heartbeatTimeout = timeout.value();
    }

    public void reap() {
        for (Run run : runs.orphans(heartbeatTimeout)) {
            try {
                String cleanup = "";
                if (run.kind() == Run.Kind.BACKUP && run.folder() != null) {
                    var target = targets.require(run.target());
                    for (String destination : target.destinationNames()) {
                        BackupRemoval.removeFolder(destinations.open(destination), run.folder());
                    }
                    cleanup = "; its partial files were removed and nothing of it is listed";
                } else if (run.kind() == Run.Kind.RESTORE) {
                    cleanup = "; the database " + run.restoreDatabase() + " may be half-made: check it and drop it";
                }
                String reason = "Lifeboat instance " + run.instance() + " stopped while this run was in progress "
                        + "(no heartbeat since " + run.heartbeatAt() + ")" + cleanup + ". Start it again.";
                runs.fail(run.id(), reason, run.log());
                LOG.warning(() -> "Run " + run.id() + " of '" + run.target() + "' failed: " + reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not end the orphaned run " + run.id(), e);
            }
        }
    }
}
