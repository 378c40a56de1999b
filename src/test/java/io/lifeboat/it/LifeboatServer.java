package io.lifeboat.it;

import io.lifeboat.catalog.control.LocalCluster;
import io.lifeboat.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Lifeboat: Payara Micro with the built WAR, started as a child JVM on free ports, with a
 * data folder of its own under target/ and the embedded catalog. Started once per test run and
 * stopped when the JVM exits; a test may also kill and restart it.
 */
public final class LifeboatServer {

    /** How long a boot may take; a busy machine needs more than the usual 20 to 60 s. */

    private static LifeboatServer shared;

    private final Path data;
    private final int port;
    private final int catalogPort;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private Path log;

    private LifeboatServer(Path data, Map<String, String> properties, Map<String, String> environment) {
        this.data = data;
        this.properties = properties;
        this.environment = environment;
        this.port = TestDatabase.freePort();
        this.catalogPort = TestDatabase.freePort();
    }

    /** The Lifeboat all integration tests share. */
    public static synchronized LifeboatServer shared() {
        if (shared == null) {
            shared = start(Map.of(
                    "lifeboat.runs.heartbeat-timeout", "PT30S",
                    "lifeboat.backups.stall-timeout", "PT20S"));
        }
        return shared;
    }

    public static LifeboatServer start(Map<String, String> properties) {
        return start(properties, Map.of());
    }

    /** A Lifeboat with these system properties and environment variables (secrets go in the environment, never argv). */
    public static LifeboatServer start(Map<String, String> properties, Map<String, String> environment) {
        try {
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "lifeboat-it-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            var server = new LifeboatServer(data, properties, environment);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            server.boot();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void boot() {
        try {
            log = data.resolve("server-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-Dhazelcast.socket.bind.any=false",
                    "-Djava.io.tmpdir=" + data,
                    "-Dlifeboat.data=" + data.resolve("data"),
                    "-Dlifeboat.catalog.embedded.port=" + catalogPort));
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", System.getProperty("lifeboat.payara", "target/payara-micro.jar"),
                    "--deploy", System.getProperty("lifeboat.war", "target/lifeboat.war"), "--contextroot", "/",
                    "--port", String.valueOf(port), "--nocluster", "--prebootcommandfile", loopbackOnly().toString()));
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            long bootSeconds = Long.getLong("lifeboat.it.boot-seconds", 300);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(bootSeconds);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Lifeboat exited while starting:\n" + tail());
                }
                if (Files.readString(log).contains("Payara Micro URLs")) {
                    if (Files.exists(data.resolve("data/admin-token"))) {
                        return;
                    }
                    process.destroyForcibly();
                    throw new IllegalStateException("Lifeboat started without a first admin token:\n" + tail());
                }
                Thread.sleep(250);
            }
            process.destroyForcibly();
            throw new IllegalStateException("Lifeboat did not start in " + bootSeconds + " s (a busy machine may need "
                    + "more: -Dlifeboat.it.boot-seconds):\n" + tail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Payara Micro listens on every interface unless told otherwise: HTTP and Hazelcast stay on 127.0.0.1. */
    private Path loopbackOnly() throws IOException {
        Path file = data.resolve("loopback.asadmin");
        Files.writeString(file, """
                set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1
                set hazelcast-runtime-configuration.interface=127.0.0.1
                """);
        return file;
    }

    /** Ends Lifeboat the hard way, as a power cut would: no shutdown, no cleanup. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var cluster = new LocalCluster(data.resolve("data/catalog/cluster"), LocalCluster.newestServerBinaries(), catalogPort);
        if (cluster.isRunning()) {
            cluster.stop();
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path data() {
        return data.resolve("data");
    }

    public String adminToken() {
        try {
            return Files.readString(data().resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A response with its status and parsed JSON body (if any). */
    public record Reply(int status, String body, String contentType) {
        public JsonObject json() {
            return (JsonObject) structure();
        }

        public jakarta.json.JsonArray array() {
            return (jakarta.json.JsonArray) structure();
        }

        private JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String path) {
        return send("GET", path, null, adminToken());
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, adminToken());
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, adminToken());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, adminToken());
    }

    /** A connection to Lifeboat's embedded catalog, as its owner (for checks a test cannot make through the API). */
    public java.sql.Connection catalog() throws java.sql.SQLException {
        String password;
        try {
            password = Files.readString(data().resolve("catalog/password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + catalogPort + "/lifeboat",
                "lifeboat", password);
    }

    public Reply send(String method, String path, String json, String token) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
