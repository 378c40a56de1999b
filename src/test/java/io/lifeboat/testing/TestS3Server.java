package io.lifeboat.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A real S3-compatible server for tests: s3proxy with its filesystem backend, run as a child JVM on
 * 127.0.0.1 so its libraries never mix with ours. Each server gets a fresh identity and credential.
 * The jar comes from {@code lifeboat.s3proxy.jar} (copied into target/ by the build) or the local
 * Maven repository.
 */
public final class TestS3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";

    private final Path basedir;
    private final int port;
    private final String identity;
    private final String credential;
    private Process process;

    private TestS3Server(Path basedir, int port, String identity, String credential) {
        this.basedir = basedir;
        this.port = port;
        this.identity = identity;
        this.credential = credential;
    }

    /** Starts a server whose buckets are folders under {@code basedir}. */
    public static TestS3Server start(Path basedir) {
        var random = new SecureRandom();
        var hex = HexFormat.of();
        var server = new TestS3Server(basedir.toAbsolutePath(), TestDatabase.freePort(),
                "test" + hex.formatHex(random.generateSeed(6)), hex.formatHex(random.generateSeed(20)));
        server.restart();
        return server;
    }

    /** Starts the server again on the same port, folder and credentials (after {@link #kill()}). */
    public void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(basedir);
            Path properties = basedir.resolveSibling(basedir.getFileName() + ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + identity,
                    "s3proxy.credential=" + credential,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + basedir,
                    ""));
            Path log = basedir.resolveSibling(basedir.getFileName() + ".log");
            process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                    "--properties", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitPort(Duration.ofSeconds(30), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the server at once, as a crash or a lost connection would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path basedir() {
        return basedir;
    }

    public String accessKeyId() {
        return identity;
    }

    public String secretKey() {
        return credential;
    }

    /** A plain client with this server's credentials, for setting up and tampering behind a destination's back. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    private void awaitPort(Duration timeout, Path log) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy stopped at start; see " + log + ":\n" + Files.readString(log));
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        kill();
        throw new IllegalStateException("s3proxy did not listen on port " + port + " within " + timeout + "; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path jar() {
        String configured = System.getProperty("lifeboat.s3proxy.jar");
        Path jar = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "4.1.0",
                        "s3proxy-4.1.0-jar-with-dependencies.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The s3proxy jar is missing at " + jar
                    + ": run the tests through Maven (mvn test), which copies it into target/");
        }
        return jar;
    }
}
