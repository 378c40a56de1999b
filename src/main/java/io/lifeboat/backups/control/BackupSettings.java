package io.lifeboat.backups.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/** How backups are made, from configuration ({@code lifeboat.backups.*}, {@code lifeboat.tools.paths}). */
@ApplicationScoped
public class BackupSettings {

    @Inject
    @ConfigProperty(name = "lifeboat.backups.zstd-level", defaultValue = "" + DumpRequest.DEFAULT_ZSTD_LEVEL)
    int zstdLevel;

    @Inject
    @ConfigProperty(name = "lifeboat.backups.zstd-workers", defaultValue = "-1")
    int zstdWorkers;

    @Inject
    @ConfigProperty(name = "lifeboat.backups.stall-timeout", defaultValue = "PT10M")
    String stallTimeout;

    @Inject
    @ConfigProperty(name = PgClientTools.PATHS_KEY)
    Optional<String> toolPaths;

    /**
     * Without a setting, zstd gets a thread of its own for each core beyond the two that pg_dump and a database
     * server on the same machine keep busy; on two cores it compresses on the thread that reads pg_dump (at level 1
     * zstd outpaces pg_dump, and threads of its own would only take turns with it; see the README's Performance).
     */
    private static int defaultZstdWorkers(int cores) {
        return Math.max(0, cores - 2);
    }

    public DumpRequest apply(DumpRequest request) {
        int workers = zstdWorkers < 0 ? defaultZstdWorkers(Runtime.getRuntime().availableProcessors()) : zstdWorkers;
        return request.withZstd(zstdLevel, workers).withStallTimeout(Duration.parse(stallTimeout));
    }

    public PgClientTools tools() {
        return PgClientTools.withDefaults(toolPaths.stream().flatMap(paths -> Stream.of(paths.split("[,:]")))
                .map(String::strip).filter(p -> !p.isEmpty()).map(Path::of).toList());
    }
}
