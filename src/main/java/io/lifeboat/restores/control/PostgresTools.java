package io.lifeboat.restores.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds the PostgreSQL client tools (pg_restore, psql) installed on this machine. */
public final class PostgresTools {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private PostgresTools() {
    }

    /** The bin folder of the newest /usr/lib/postgresql/N, else the first PATH entry holding pg_restore. */
    public static Path newestClientBinaries() {
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                var newest = versions.map(v -> v.resolve("bin")).filter(PostgresTools::holdsClientTools)
                        .max(Comparator.comparingInt(PostgresTools::major));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isBlank())
                .map(Path::of).filter(PostgresTools::holdsClientTools).findFirst()
                .orElseThrow(() -> new RestoreFailedException("pg_restore and psql were not found in "
                        + DEBIAN_ROOT + "/*/bin nor on the PATH: install the postgresql-client package "
                        + "matching the servers you restore to"));
    }

    static boolean holdsClientTools(Path bin) {
        return Files.isExecutable(bin.resolve("pg_restore")) && Files.isExecutable(bin.resolve("psql"));
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
