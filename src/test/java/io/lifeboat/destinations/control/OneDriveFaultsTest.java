package io.lifeboat.destinations.control;

import io.lifeboat.testing.FakeGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.lifeboat.destinations.control.DestinationContract.bytes;
import static io.lifeboat.destinations.control.DestinationContract.put;
import static io.lifeboat.destinations.control.DestinationContract.read;
import static io.lifeboat.destinations.control.DestinationContract.writeInOddChunks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A OneDrive destination when Graph fails a chunk, expires a token, throttles, or refuses the consent. */
class OneDriveFaultsTest {

    static final int KIB = 1024;
    private static final AtomicInteger FOLDERS = new AtomicInteger();

    static FakeGraph graph;
    final List<String> rotated = new ArrayList<>();

    @BeforeAll
    static void startGraph() {
        graph = FakeGraph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.close();
    }

    @AfterEach
    void graphSawNoBreachOfItsContract() {
        graph.forgetThrottling();
        graph.failNextChunks(0);
        graph.failNextRequests(0);
        assertEquals(List.of(), graph.violations());
    }

    /** Chunks of 640 KiB, three attempts per request, each test in its own folder. */
    static OneDriveLocation location() {
        return OneDriveLocation.of("Backups/faults-" + FOLDERS.incrementAndGet(), FakeGraph.TENANT, graph.endpoint(),
                graph.endpoint()).withChunkKiB(640).withAttempts(3, Duration.ofSeconds(10));
    }

    OneDrive drive(OneDriveLocation location, String refreshToken) {
        return drive(location, FakeGraph.CLIENT_SECRET, refreshToken);
    }

    OneDrive drive(OneDriveLocation location, String clientSecret, String refreshToken) {
        Path spool = Path.of("target", "onedrive-faults-" + ProcessHandle.current().pid());
        return OneDrive.open(location, new OneDriveCredentials(FakeGraph.CLIENT_ID, clientSecret, refreshToken),
                rotated::add, spool);
    }

    @Test
    void aChunkRejectedOnceIsResumedWhereGraphSaysAndTheFileIsWhole() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        byte[] content = bytes(3 * 1024 * KIB + 17, 21);
        int queriesBefore = graph.statusQueries();
        int chunksBefore = graph.chunkSizes().size();
        graph.failNextChunks(1); // Graph keeps 320 KiB of the first chunk and answers 500

        put(drive, "crm/b1/dump.pgc.zst", content);

        assertArrayEquals(content, read(drive, "crm/b1/dump.pgc.zst"));
        assertEquals(queriesBefore + 1, graph.statusQueries(), "one GET on the upload URL to learn where to go on");
        List<Integer> sizes = graph.chunkSizes().subList(chunksBefore, graph.chunkSizes().size());
        assertEquals(640 * KIB, sizes.get(0), "the rejected chunk");
        assertEquals(640 * KIB, sizes.get(1), "the resumed chunk starts at nextExpectedRanges, 320 KiB further");
        assertEquals(content.length + 320 * KIB, sizes.stream().mapToLong(Integer::longValue).sum(),
                "every byte sent once, plus the 320 KiB Graph kept of the rejected chunk being sent again");
        assertTrue(sizes.subList(0, sizes.size() - 1).stream().allMatch(size -> size % FakeGraph.UNIT == 0), sizes.toString());
        assertEquals(0, graph.openSessions());
    }

    @Test
    void aLostAnswerToTheLastChunkIsToldApartFromAFailedUpload() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        byte[] content = bytes(1024 * KIB + 5, 24);
        graph.loseNextCompletionAnswer();

        put(drive, "crm/b1/dump.pgc.zst", content); // the session is gone, but the file is whole

        assertArrayEquals(content, read(drive, "crm/b1/dump.pgc.zst"));
        assertEquals(0, graph.openSessions());
    }

    @Test
    void anExpiredAccessTokenIsRenewedOnceAndTheRotatedRefreshTokenIsKeptForTheNextStart() throws IOException {
        String consented = graph.refreshToken();
        var location = location();
        var drive = drive(location, consented);
        int tokensBefore = graph.tokenRequests();
        put(drive, "crm/b1/manifest.json", new byte[]{1, 2, 3});
        assertEquals(tokensBefore + 1, graph.tokenRequests(), "one sign-in, the token is cached");
        assertEquals(List.of(graph.refreshToken()), rotated, "the rotated refresh token was handed on to be stored");

        graph.expireAccessTokens();
        int refusalsBefore = graph.expiredTokenRefusals();
        assertEquals(List.of("crm/b1/manifest.json"), drive.list(""));
        assertEquals(refusalsBefore + 1, graph.expiredTokenRefusals(), "Graph refused the expired token once");
        assertEquals(tokensBefore + 2, graph.tokenRequests(), "and it was renewed once");
        assertEquals(2, rotated.size());

        // the next start: the stored rotated token works, the consented one was used up by the rotation
        String stored = RotatedRefreshToken.stored(consented, rotated.get(1));
        var restarted = drive(location, RotatedRefreshToken.current(consented, java.util.Optional.of(stored)));
        assertArrayEquals(new byte[]{1, 2, 3}, read(restarted, "crm/b1/manifest.json"));
        var stale = drive(location, consented);
        var e = assertThrows(IOException.class, () -> stale.list(""));
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
    }

    @Test
    void anAccessTokenIsKeptUntilAMinuteBeforeItExpires() throws IOException {
        var clock = new MutableClock();
        var login = new MicrosoftLogin(location(), new OneDriveCredentials(FakeGraph.CLIENT_ID, FakeGraph.CLIENT_SECRET,
                graph.refreshToken()), rotated::add, java.net.http.HttpClient.newHttpClient(), clock);
        int before = graph.tokenRequests();

        String first = login.accessToken();
        clock.advance(Duration.ofMinutes(58));
        assertEquals(first, login.accessToken(), "cached");
        assertEquals(before + 1, graph.tokenRequests());

        clock.advance(Duration.ofMinutes(1));
        String second = login.accessToken();
        assertFalse(first.equals(second), "fetched again a minute before the hour's expiry");
        assertEquals(before + 2, graph.tokenRequests());
        assertEquals(2, rotated.size());
    }

    @Test
    void listingFollowsEveryPageOfAFolder() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        List<String> keys = new ArrayList<>(List.of("crm/b0/dump.pgc.zst"));
        put(drive, "crm/b0/dump.pgc.zst", new byte[]{9});
        for (int i = 0; i < 8; i++) { // eight backup folders: Graph (the fake) gives three children per page
            keys.add("crm/b" + i + "/manifest.json");
            put(drive, "crm/b" + i + "/manifest.json", new byte[]{(byte) i});
        }

        assertEquals(keys, drive.list("crm/"));
        assertEquals(List.of("crm/b7/manifest.json"), drive.list("crm/b7"));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void throttlingIsWaitedOutAsRetryAfterSays() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        put(drive, "crm/b1/manifest.json", new byte[]{7});
        int throttledBefore = graph.throttled();
        int earlyBefore = graph.earlyRetries();
        graph.throttleNext(1, 1);

        assertTrue(drive.exists("crm/b1/manifest.json"));

        assertEquals(throttledBefore + 1, graph.throttled());
        assertEquals(earlyBefore, graph.earlyRetries(), "no request came before Retry-After had passed");
    }

    @Test
    void serverErrorsAreRetriedWithBackOff() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        put(drive, "crm/b1/manifest.json", new byte[]{7});
        int failedBefore = graph.failed();
        graph.failNextRequests(2);

        assertEquals(List.of("crm/b1/manifest.json"), drive.list("crm/"));

        assertEquals(failedBefore + 2, graph.failed(), "two 502 answers, then the third attempt went through");
    }

    @Test
    void aSignInThatFailsOnceIsRetried() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        int failedBefore = graph.failed();
        int tokensBefore = graph.tokenRequests();
        graph.failNextRequests(1); // the first request of a new destination is its sign-in

        assertEquals(List.of(), drive.list(""));

        assertEquals(failedBefore + 1, graph.failed());
        assertEquals(tokensBefore + 1, graph.tokenRequests(), "the retried sign-in, after the failed one");
    }

    @Test
    void deletingTheLastObjectOfABackupRemovesItsFolderButNoMore() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        String folder = drive.location().folder();
        put(drive, "crm/2025/01/b1/manifest.json", new byte[]{1});
        put(drive, "crm/2025/01/b1/dump.pgc.zst", new byte[]{2});
        put(drive, "crm/2025/01/b2/manifest.json", new byte[]{3});

        drive.delete("crm/2025/01/b1/manifest.json");
        assertTrue(graph.items(folder + "/").contains(folder + "/crm/2025/01/b1"), "not empty yet");
        drive.delete("crm/2025/01/b1/dump.pgc.zst");

        assertEquals(List.of(folder + "/crm", folder + "/crm/2025", folder + "/crm/2025/01", folder + "/crm/2025/01/b2",
                folder + "/crm/2025/01/b2/manifest.json"), graph.items(folder + "/"));
    }

    @Test
    void throttlingThatOutlastsTheAttemptsFailsWithAMessage() {
        var drive = drive(location().withAttempts(2, Duration.ofSeconds(10)), graph.refreshToken());
        assertEquals(List.of(), assertDoesNotThrowList(drive));
        int earlyBefore = graph.earlyRetries();
        graph.throttleNext(2, 1);

        var e = assertThrows(IOException.class, () -> drive.list(""));
        assertTrue(e.getMessage().startsWith("Microsoft Graph kept throttling requests to list files in OneDrive folder"),
                e.getMessage());
        assertEquals(earlyBefore, graph.earlyRetries());
    }

    private static List<String> assertDoesNotThrowList(OneDrive drive) {
        try {
            return drive.list("");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRevokedConsentFailsTheDestinationWithWhatToDo() {
        var location = location();
        var drive = drive(location, "revoked-refresh-token-value");

        var probe = Probe.run(drive);

        assertFalse(probe.ok());
        assertEquals(Probe.Step.WRITE, probe.failedStep().orElseThrow());
        assertTrue(probe.message().startsWith("The write step failed on " + drive.describe()
                + ": Microsoft refused to sign in for the OneDrive folder /" + location.folder() + " (invalid_grant"),
                probe.message());
        assertTrue(probe.message().contains("Give the consent again"), probe.message());
        assertTrue(probe.message().contains("'" + location.refreshTokenAlias() + "'"), probe.message());
        assertFalse(probe.message().contains("revoked-refresh-token-value"), "the token is never shown");
    }

    @Test
    void aWrongClientSecretNamesTheAliasesNeverTheSecret() {
        var location = location();
        var drive = drive(location, "wrong-secret-value", graph.refreshToken());

        var e = assertThrows(IOException.class, () -> drive.create("crm/b1/manifest.json"));

        assertTrue(e.getMessage().contains("(invalid_client"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + location.clientIdAlias() + "' and '" + location.clientSecretAlias() + "'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret-value"));
    }

    @Test
    void aCommitThatKeepsFailingCancelsItsSessionAndLeavesNoItemNorSpool() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        byte[] content = bytes(2 * 1024 * KIB, 22);
        Upload upload = drive.create("crm/b1/dump.pgc.zst");
        writeInOddChunks(upload.stream(), content, 0, content.length);
        graph.failNextChunks(3);

        var e = assertThrows(IOException.class, upload::commit);

        assertTrue(e.getMessage().startsWith("Microsoft Graph failed to write files in " + drive.describe() + ": 500"),
                e.getMessage());
        assertFalse(drive.exists("crm/b1/dump.pgc.zst"));
        assertEquals(List.of(), drive.list(""));
        assertEquals(List.of(), graph.files(drive.location().folder() + "/"));
        assertEquals(0, graph.openSessions(), "the session was cancelled");
        assertEquals(List.of(), spoolFiles(drive));
        assertThrows(IllegalStateException.class, upload::commit);
    }

    @Test
    void removePartialsCancelsTheSessionOfACommitWhoseProcessDied() throws IOException {
        var drive = drive(location(), graph.refreshToken());
        Upload upload = drive.create("crm/b1/dump.pgc.zst");
        upload.stream().write(bytes(1000, 23));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(drive.spool())), "the spool is for Lifeboat's user only");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(drive.spool().resolve("crm/b1/dump.pgc.zst" + OneDrive.SPOOL))));
        // the process dies while committing: its session is open and its URL is recorded next to the spool file
        var url = drive.sessions().start("crm/b1/dump.pgc.zst");
        Files.writeString(drive.spool().resolve("crm/b1/dump.pgc.zst" + OneDrive.SESSION), url.toString());
        assertEquals(1, graph.openSessions());

        assertEquals(0, drive.removePartials("shop/"));
        assertEquals(1, drive.removePartials("crm/"));

        assertEquals(0, graph.openSessions());
        assertEquals(List.of(), spoolFiles(drive));
        assertEquals(List.of(), drive.list(""));
    }

    private static List<Path> spoolFiles(OneDrive drive) throws IOException {
        if (!Files.isDirectory(drive.spool())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(drive.spool())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
