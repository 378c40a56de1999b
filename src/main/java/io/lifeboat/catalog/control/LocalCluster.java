package io.lifeboat.catalog.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster in a folder of its own, listening on 127.0.0.1 only, with scram
 * authentication. Lifeboat uses one as its embedded catalog; the tests start one per run.
 * PostgreSQL refuses to run as root, so when we are root the cluster belongs to the postgres user.
 */
public final class LocalCluster {

    private static final String SERVICE_USER = "postgres";

    private final Path folder;
    private final Path binaries;
    private final int port;

    public LocalCluster(Path folder, Path binaries, int port) {
        this.folder = folder.toAbsolutePath();
        this.binaries = binaries;
        this.port = port;
    }

    /** The binaries of the newest PostgreSQL server installed in the usual places. */
    public static Path newestServerBinaries() {
        for (Path root : List.of(Path.of("/usr/lib/postgresql"), Path.of("/usr/local/lib/postgresql"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max((a, b) -> Integer.compare(major(a), major(b)));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(Path::of).filter(dir -> Files.isExecutable(dir.resolve("initdb"))).findFirst();
        return onPath.orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server binaries (initdb) found. Install the postgresql package "
                        + "or set lifeboat.catalog.url to an existing database."));
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public Path folder() {
        return folder;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public boolean isInitialized() {
        return Files.exists(folder.resolve("PG_VERSION"));
    }

    /** Creates the cluster with the given superuser; the password never appears in a command line. */
    public void initialize(String superuser, String password) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            Path passwordFile = Files.createTempFile(folder.getParent(), ".initdb", ".pw");
            try {
                Files.writeString(passwordFile, password + "\n");
                handToServiceUser(folder);
                handToServiceUser(passwordFile);
                run(List.of(binaries.resolve("initdb").toString(), "-D", folder.toString(), "-U", superuser,
                        "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"), 120);
            } finally {
                Files.deleteIfExists(passwordFile);
            }
            Files.writeString(folder.resolve("postgresql.auto.conf"), """
                    listen_addresses = '127.0.0.1'
                    unix_socket_directories = ''
                    fsync = on
                    """, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a PostgreSQL cluster in " + folder, e);
        }
    }

    public void start() {
        run(List.of(binaries.resolve("pg_ctl").toString(), "start", "-w", "-t", "60", "-D", folder.toString(),
                "-l", folder.resolve("server.log").toString(), "-o", "-p " + port), 90);
    }

    /**
     * True when the cluster's server is up. A power cut (or a killed server) leaves postmaster.pid behind,
     * so pg_ctl checks that the process it names is alive.
     */
    public boolean isRunning() {
        if (!Files.exists(folder.resolve("postmaster.pid"))) {
            return false;
        }
        return execute(List.of(binaries.resolve("pg_ctl").toString(), "status", "-D", folder.toString()), 30)
                .exitCode() == 0;
    }

    public void stop() {
        if (isRunning()) {
            run(List.of(binaries.resolve("pg_ctl").toString(), "stop", "-w", "-m", "fast", "-D", folder.toString()), 60);
        }
    }

    /** Stops the cluster and removes its folder. */
    public void destroy() {
        try {
            stop();
        } finally {
            deleteTree(folder);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void handToServiceUser(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName(SERVICE_USER));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName(SERVICE_USER));
    }

    private void run(List<String> command, int timeoutSeconds) {
        Exit exit = execute(command, timeoutSeconds);
        if (exit.exitCode() != 0) {
            throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (exit "
                    + exit.exitCode() + "): " + exit.output() + serverLogTail());
        }
    }

    private record Exit(int exitCode, String output) {
    }

    private Exit execute(List<String> command, int timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("lifeboat-cluster", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).directory(folder.getParent().toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
                }
                return new Exit(process.exitValue(), Files.readString(output).strip());
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private String serverLogTail() {
        Path log = folder.resolve("server.log");
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log);
            return "\nserver.log: " + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
