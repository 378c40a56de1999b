package io.lifeboat.backups.control;

import io.lifeboat.archives.control.ArchiveInput;
import io.lifeboat.archives.control.ArchiveRows;
import io.lifeboat.archives.control.UnexpectedArchiveException;
import io.lifeboat.backups.control.DumpProgress.Phase;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.CopyStatus;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.destinations.control.Destination;
import io.lifeboat.destinations.control.DestinationFullException;
import io.lifeboat.destinations.control.NamedDestination;
import io.lifeboat.destinations.control.Upload;
import io.lifeboat.encryption.control.AgeEncryption;
import io.lifeboat.encryption.control.Recipient;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one backup: a snapshot, then {@code pg_dump --snapshot} streamed through zstd (or gzip) and SHA-256
 * into the destination; the rows of each table are counted in the archive as it passes (for a plain dump: in the
 * same snapshot, beside pg_dump); the artifact is committed, then the manifest is written last. On any failure nothing of the backup is left and a {@link BackupFailedException}
 * says what happened. Memory use does not depend on the database's size.
 */
public final class Dump {

    private static final long EXIT_WAIT_SECONDS = 60;

    private final PgClientTools tools;
    private final Duration connectTimeout;
    private final Path passFileFolder;
    private final Clock clock;
    private final List<Recipient> recipients;

    public Dump(PgClientTools tools) {
        this(tools, Duration.ofSeconds(10), Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC());
    }

    public Dump(PgClientTools tools, Duration connectTimeout, Path passFileFolder, Clock clock) {
        this(tools, connectTimeout, passFileFolder, clock, List.of());
    }

    private Dump(PgClientTools tools, Duration connectTimeout, Path passFileFolder, Clock clock,
                 List<Recipient> recipients) {
        this.tools = tools;
        this.connectTimeout = connectTimeout;
        this.passFileFolder = passFileFolder;
        this.clock = clock;
        this.recipients = List.copyOf(recipients);
    }

    /**
     * The same dump, encrypted with age for these recipients after compression: the artifact gets {@code .age}
     * and the manifest lists the recipients' fingerprints. No recipient: not encrypted.
     */
    public Dump encryptedFor(List<? extends Recipient> someRecipients) {
        return new Dump(tools, connectTimeout, passFileFolder, clock, List.copyOf(someRecipients));
    }

    /** Dumps into one destination; see {@link #run(DumpRequest, List, DumpProgress)}. */
    public Manifest run(DumpRequest request, Destination destination, DumpProgress progress)
            throws BackupFailedException {
        return run(request, List.of(new NamedDestination("destination", destination)), progress).manifest();
    }

    /**
     * Reads the database once and writes the backup to every destination. A copy that fails is dropped with its
     * reason and nothing of it is kept; the dump fails only when every copy failed.
     */
    public DumpResult run(DumpRequest request, List<NamedDestination> destinations, DumpProgress progress)
            throws BackupFailedException {
        progress.started();
        Instant startedAt = clock.instant();
        var keys = new BackupKeys(request.target(), request.backupId(), startedAt);
        var written = new Written(destinations, keys.folder() + artifactName(request));
        try {
            Manifest manifest = dumpAndDescribe(request, progress, startedAt, written);
            progress.phase(Phase.WRITING_MANIFEST);
            written.writeManifests(manifest, keys.manifest());
            DumpResult result = written.result(manifest);
            progress.log("backup " + request.backupId() + " complete in " + written.completeIn());
            if (!result.warning().isEmpty()) {
                progress.log(result.warning());
            }
            progress.phase(Phase.DONE);
            return result;
        } catch (BackupFailedException | IOException | RuntimeException e) {
            String cleanup = written.removeAll();
            BackupFailedException failure = asFailure(e, written.describe(), cleanup);
            progress.log(failure.getMessage());
            progress.phase(Phase.FAILED);
            throw failure;
        }
    }

    private Manifest dumpAndDescribe(DumpRequest request, DumpProgress progress, Instant startedAt, Written written)
            throws BackupFailedException, IOException {
        progress.phase(Phase.CONNECTING);
        try (DatabaseSnapshot snapshot = DatabaseSnapshot.open(request.login(), connectTimeout);
             PassFile passFile = PassFile.create(request.login(), passFileFolder)) {
            progress.phase(Phase.SNAPSHOT_TAKEN);
            PgClient client = client(snapshot);
            progress.log("snapshot " + snapshot.snapshotId() + " of PostgreSQL " + snapshot.serverVersion()
                    + ", dumping with " + client.versionLine());
            failIfCancelled(progress, request);
            written.open();
            List<String> arguments = PgDumpCommand.arguments(client, request.login(), request.format(),
                    snapshot.snapshotId());
            Streamed streamed;
            List<Manifest.TableRows> tables;
            String applicationName = "lifeboat pg_dump " + request.backupId();
            try (PgDumpProcess pgDump = PgDumpProcess.start(arguments, passFile, applicationName, progress);
                 Watchdog ignored = Watchdog.start(progress, request.stallTimeout(),
                         () -> stalled(request, pgDump, snapshot, applicationName))) {
                progress.onCancel(() -> pgDump.stop("The backup " + request.backupId() + " of " + request.target()
                        + " was cancelled; nothing of it was kept"));
                CompletableFuture<List<Manifest.TableRows>> counting = request.format() == BackupFormat.CUSTOM_ZSTD
                        ? null : countRows(snapshot, progress);
                progress.phase(Phase.DUMPING);
                try {
                    streamed = copy(pgDump.stdout(), written.fanOut, request, recipients, progress);
                    int exit = pgDump.awaitExit(EXIT_WAIT_SECONDS);
                    failIfStopped(pgDump);
                    if (exit != 0) {
                        throw new BackupFailedException(pgDumpEnded(exit, pgDump.stderrTail()));
                    }
                    tables = counting != null ? counting.join()
                            : countRemainingRows(snapshot, streamed.rows(), progress);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw interrupted(pgDump);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                        throw interrupted(pgDump);
                    }
                    failIfStopped(pgDump);
                    throw rethrow(e);
                } finally {
                    progress.onCancel(null);
                }
            }
            progress.phase(Phase.COMMITTING);
            Instant committing = clock.instant();
            written.commit();
            progress.log("the dump's " + streamed.size() + " bytes were written in " + seconds(startedAt, committing)
                    + " and committed in " + seconds(committing, clock.instant()));
            return new Manifest(1, request.backupId(), request.target(), request.login().database(),
                    snapshot.databaseOid(), snapshot.systemIdentifier(), snapshot.serverVersion(), client.versionLine(),
                    request.format(), request.compression(), new AgeEncryption().fingerprints(recipients),
                    List.of(new Manifest.Artifact(artifactName(request), streamed.size(), streamed.sha256())),
                    tables, snapshot.schemaFingerprint(), request.trigger(), request.initiator(), startedAt,
                    clock.instant());
        }
    }

    private PgClient client(DatabaseSnapshot snapshot) throws BackupFailedException {
        try {
            return tools.forServer(snapshot.serverMajor());
        } catch (NoSuitableClientException e) {
            throw new BackupFailedException(e.getMessage(), e);
        }
    }

    private static CompletableFuture<List<Manifest.TableRows>> countRows(DatabaseSnapshot snapshot,
                                                                         DumpProgress progress) {
        var result = new CompletableFuture<List<Manifest.TableRows>>();
        var thread = new Thread(() -> {
            try {
                result.complete(snapshot.countRows(progress::tableCounted));
            } catch (BackupFailedException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "row counting");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The rows counted in the archive, and those of the other tables counted in the snapshot. */
    private static List<Manifest.TableRows> countRemainingRows(DatabaseSnapshot snapshot, ArchiveRows counted,
                                                               DumpProgress progress) throws BackupFailedException {
        if (counted.uncountedBecause() != null) {
            progress.log("The rows are counted in the snapshot after the dump: the archive is not laid out as "
                    + "expected (" + counted.uncountedBecause() + ")");
        }
        return snapshot.countRows(progress::tableCounted, counted::rows);
    }

    private String artifactName(DumpRequest request) {
        return request.format().artifactName() + (recipients.isEmpty() ? "" : Manifest.ENCRYPTED_SUFFIX);
    }

    private static Streamed copy(InputStream in, OutputStream sink, DumpRequest request, List<Recipient> recipients,
                                 DumpProgress progress) throws IOException {
        var hashing = new HashingOutputStream(sink, progress::written);
        OutputStream stored = recipients.isEmpty() ? hashing : new AgeEncryption().encrypt(hashing, recipients);
        ArchiveRows rows = ArchiveRows.uncounted("a plain dump");
        try (OutputStream compressed = Compressors.wrap(request, stored)) {
            var read = new FilterOutputStream(compressed) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    progress.read(length);
                    out.write(bytes, offset, length);
                }
            };
            var archive = new ArchiveInput(in, read);
            if (request.format() == BackupFormat.CUSTOM_ZSTD) {
                rows = countRows(archive);
            }
            archive.passOnTheRest();
        }
        return new Streamed(hashing.size(), hashing.sha256(), rows);
    }

    /** The rows of each table, counted in the archive as it passes; none when its layout is not the expected one. */
    private static ArchiveRows countRows(ArchiveInput archive) throws IOException {
        try {
            return ArchiveRows.count(archive);
        } catch (UnexpectedArchiveException e) {
            return ArchiveRows.uncounted(e.getMessage());
        }
    }

    private void stalled(DumpRequest request, PgDumpProcess pgDump, DatabaseSnapshot snapshot, String applicationName) {
        String seconds = formatDuration(request.stallTimeout());
        if (pgDump.isAlive()) {
            String why = LockReport.explain(request.login(), applicationName);
            pgDump.stop("No data from pg_dump for " + seconds + ": the database may be locked (" + why
                    + "); the backup was stopped. End the blocking session or raise the stall timeout, then retry");
        } else {
            pgDump.stop("Counting the rows of " + request.login() + " made no progress for " + seconds
                    + ": a table may be locked; the backup was stopped. Retry, or raise the stall timeout");
        }
        snapshot.close();
    }

    private static BackupFailedException interrupted(PgDumpProcess pgDump) {
        pgDump.stop("The backup was interrupted (the server is shutting down?); nothing was kept");
        return new BackupFailedException(pgDump.stopReason());
    }

    private static void failIfStopped(PgDumpProcess pgDump) throws BackupFailedException {
        if (pgDump.stopReason() != null) {
            throw new BackupFailedException(pgDump.stopReason());
        }
    }

    private static void failIfCancelled(DumpProgress progress, DumpRequest request) throws BackupFailedException {
        if (progress.isCancelled()) {
            throw new BackupFailedException("The backup " + request.backupId() + " of " + request.target()
                    + " was cancelled before pg_dump started; nothing was kept");
        }
    }

    static String pgDumpEnded(int exit, String stderr) {
        String how = exit > 128 && exit < 160 ? "was killed (signal " + (exit - 128) + ")"
                : exit < 0 ? "did not exit" : "ended with exit code " + exit;
        return "pg_dump " + how + " before the dump was complete"
                + (stderr.isBlank() ? " and wrote no error" : ": " + stderr.strip())
                + ". Nothing was kept; check the run log and the server log, then retry";
    }

    /** The failure of the row count (inside a CompletionException) or of the copy, as it is. */
    private static IOException rethrow(Exception e) throws BackupFailedException, IOException {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        if (cause instanceof BackupFailedException failure) {
            throw failure;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(cause);
    }

    private static BackupFailedException asFailure(Exception e, String destination, String cleanup) {
        Throwable cause = e;
        String message;
        if (cause instanceof BackupFailedException failure) {
            message = failure.getMessage();
        } else if (cause instanceof DestinationFullException full) {
            message = full.getMessage() + " The backup was stopped; nothing was kept.";
        } else if (cause instanceof IOException io) {
            message = "Writing the backup to " + destination + " failed: " + io
                    + ". Check the destination, then retry; nothing was kept.";
        } else {
            message = "The backup failed unexpectedly: " + cause + ". Check the run log; nothing was kept.";
        }
        return new BackupFailedException(message + cleanup, cause);
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    private static String formatDuration(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Size and SHA-256 of a stored artifact, and the rows counted in it. */
    private record Streamed(long size, String sha256, ArchiveRows rows) {
    }

    /** What this run has put in its destinations, copy by copy, so a failure can take it back. */
    private static final class Written {
        private final List<NamedDestination> destinations;
        private final String artifactKey;
        private final List<FanOut.Copy> copies = new ArrayList<>();
        private FanOut fanOut;

        Written(List<NamedDestination> destinations, String artifactKey) {
            if (destinations.isEmpty()) {
                throw new IllegalArgumentException("A backup needs at least one destination: add one to the target");
            }
            this.destinations = List.copyOf(destinations);
            this.artifactKey = artifactKey;
        }

        /** Starts an upload in every destination; one that cannot start is a failed copy. */
        void open() throws IOException {
            Exception last = null;
            for (NamedDestination d : destinations) {
                try {
                    copies.add(new FanOut.Copy(d.name(), d.destination().describe(), d.destination().create(artifactKey)));
                } catch (IOException | RuntimeException e) {
                    last = e;
                    copies.add(FanOut.Copy.failed(d.name(), d.destination().describe(), "Starting the upload to "
                            + d.destination().describe() + " failed: " + e.getMessage(), e));
                }
            }
            fanOut = new FanOut(copies);
            if (!fanOut.anyLive()) {
                if (destinations.size() == 1 && last instanceof IOException io) {
                    throw io;
                }
                throw new IOException(FanOut.everyCopyFailed(copies));
            }
        }

        void commit() throws IOException {
            fanOut.commitAll();
        }

        /** The manifest goes to every copy whose artifact is committed, last; a copy that cannot take it is dropped. */
        void writeManifests(Manifest manifest, String manifestKey) throws IOException {
            for (int i = 0; i < copies.size(); i++) {
                FanOut.Copy copy = copies.get(i);
                if (!copy.live()) {
                    continue;
                }
                Destination destination = destinations.get(i).destination();
                try (Upload upload = destination.create(manifestKey)) {
                    Manifests.write(manifest, upload.stream());
                    upload.commit();
                } catch (IOException | RuntimeException e) {
                    copy.drop("Writing the manifest to " + destination.describe() + " failed: " + e.getMessage()
                            + removeArtifact(destination), e);
                }
            }
            if (!fanOut.anyLive()) {
                if (copies.size() == 1 && copies.get(0).cause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(FanOut.everyCopyFailed(copies));
            }
        }

        DumpResult result(Manifest manifest) {
            List<DumpResult.Copy> result = new ArrayList<>();
            for (FanOut.Copy copy : copies) {
                result.add(new DumpResult.Copy(copy.name(), copy.live() ? CopyStatus.COMPLETE : CopyStatus.FAILED,
                        copy.failure()));
            }
            return new DumpResult(manifest, result);
        }

        String completeIn() {
            List<String> where = new ArrayList<>();
            for (int i = 0; i < copies.size(); i++) {
                if (copies.get(i).live()) {
                    where.add(destinations.get(i).destination().describe());
                }
            }
            return String.join(", ", where);
        }

        String describe() {
            return String.join(", ", destinations.stream().map(d -> d.destination().describe()).toList());
        }

        /** Removes every artifact; returns "" or sentences saying what could not be removed. */
        String removeAll() {
            copies.forEach(FanOut.Copy::abort);
            StringBuilder left = new StringBuilder();
            for (int i = 0; i < copies.size(); i++) {
                if (copies.get(i).committed()) {
                    left.append(removeArtifact(destinations.get(i).destination()));
                }
            }
            return left.toString();
        }

        /** Removes a committed (or never committed) artifact; returns "" or a sentence saying it could not. */
        private String removeArtifact(Destination destination) {
            try {
                destination.delete(artifactKey);
                return "";
            } catch (IOException | RuntimeException e) {
                return " Also, " + artifactKey + " could not be removed from " + destination.describe() + " ("
                        + e.getMessage() + "): remove it by hand.";
            }
        }
    }
}
