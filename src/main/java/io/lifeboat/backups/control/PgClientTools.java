package io.lifeboat.backups.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL client programs that fit a server: pg_dump of the server's major version, else
 * the smallest newer one, never an older one (an older pg_dump cannot read a newer server).
 * Extra folders come from the configuration key {@value #PATHS_KEY} and are searched first.
 */
public final class PgClientTools {

    public static final String PATHS_KEY = "lifeboat.tools.paths";

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");
    private static final long VERSION_TIMEOUT_SECONDS = 10;

    private final List<Path> searchDirs;
    private volatile List<PgClient> found;

    /** Searches only the given folders. */
    public PgClientTools(List<Path> searchDirs) {
        this.searchDirs = List.copyOf(searchDirs);
    }

    /** Searches the configured folders, then the usual install places and the PATH. */
    public static PgClientTools withDefaults(List<Path> configuredDirs) {
        List<Path> dirs = new ArrayList<>(configuredDirs);
        dirs.addAll(expand(Path.of("/usr/lib/postgresql"), "", "bin"));
        dirs.addAll(expand(Path.of("/usr"), "pgsql-", "bin"));
        dirs.add(Path.of("/usr/local/pgsql/bin"));
        dirs.addAll(expand(Path.of("/opt/homebrew/opt"), "postgresql@", "bin"));
        dirs.addAll(pathFolders());
        return new PgClientTools(dirs);
    }

    /** The folders of the PATH, in order, without its empty entries. */
    static List<Path> pathFolders() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
    }

    /** The client for a server of the given major version (e.g. 15 for 15.4, from server_version_num / 10000). */
    public PgClient forServer(int serverMajor) throws NoSuitableClientException {
        List<PgClient> clients = installed();
        Optional<PgClient> exact = clients.stream().filter(c -> c.major() == serverMajor).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        return clients.stream().filter(c -> c.major() > serverMajor).min(Comparator.comparingInt(PgClient::major))
                .orElseThrow(() -> new NoSuitableClientException(noneFits(serverMajor, clients)));
    }

    /** The newest client tools found, for when the server's version is not known yet. */
    public java.util.Optional<PgClient> newest() {
        return installed().stream().max(java.util.Comparator.comparingInt(PgClient::major));
    }

    /** Every pg_dump found, in search order, one per real folder. */
    public List<PgClient> installed() {
        List<PgClient> result = found;
        if (result == null) {
            Map<Path, PgClient> byRealPath = new LinkedHashMap<>();
            for (Path dir : searchDirs) {
                Path pgDump = dir.resolve("pg_dump");
                if (!Files.isRegularFile(pgDump) || !Files.isExecutable(pgDump)) {
                    continue;
                }
                try {
                    Path real = pgDump.toRealPath();
                    if (!byRealPath.containsKey(real)) {
                        probe(dir).ifPresent(client -> byRealPath.put(real, client));
                    }
                } catch (IOException e) {
                    // unreadable or vanished: not a candidate
                }
            }
            result = List.copyOf(byRealPath.values());
            found = result;
        }
        return result;
    }

    private static Optional<PgClient> probe(Path dir) {
        try {
            Process process = new ProcessBuilder(dir.resolve("pg_dump").toString(), "--version")
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Matcher matcher = VERSION.matcher(output);
            if (process.exitValue() != 0 || !matcher.find()) {
                return Optional.empty();
            }
            String firstLine = output.lines().findFirst().orElse(output);
            return Optional.of(new PgClient(dir, Integer.parseInt(matcher.group(1)), firstLine));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String noneFits(int serverMajor, List<PgClient> clients) {
        String seen = clients.isEmpty()
                ? "no pg_dump was found in " + searchDirs.stream().map(Path::toString).collect(Collectors.joining(", "))
                : "found " + clients.stream().map(c -> "pg_dump " + c.major() + " in " + c.bin())
                        .collect(Collectors.joining(", "));
        return "No pg_dump fits the PostgreSQL " + serverMajor + " server: " + seen
                + "; pg_dump must have the server's major version or a newer one. Install postgresql-client-"
                + serverMajor + " or add its bin folder to " + PATHS_KEY + ".";
    }

    /** {@code <parent>/<prefix>*&#47;<child>} folders, sorted by name. */
    private static List<Path> expand(Path parent, String prefix, String child) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted().map(p -> p.resolve(child)).filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
