package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.restores.control.RestoreReport.TableCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Restores one backup into a new database: refuses an existing name, verifies the artifact against the
 * manifest before creating anything, loads it with pg_restore (custom format) or psql (plain), then checks
 * the rows of every table the manifest lists. Any failure drops the half-made database; nothing is ever
 * restored over an existing database.
 */
public final class Restore {

    private static final int SHOWN_PROBLEMS = 10;

    public RestoreReport restore(RestoreRequest request, Consumer<String> log) {
        Instant started = Instant.now();
        Manifest manifest = request.manifest();
        DatabaseName name = new DatabaseName(request.newDatabase());
        refuseUnsupported(request);
        var databases = new ServerDatabases(request.server());
        log.accept("Restoring backup " + manifest.id() + " of " + manifest.target() + " (database "
                + manifest.database() + ") into the new database " + name + " on " + request.server());
        if (databases.exists(name)) {
            throw databases.alreadyExists(name);
        }
        log.accept("Reading " + manifest.dump().name() + " (" + manifest.dump().size() + " bytes) and checking it "
                + "against the manifest");
        Instant fetching = Instant.now();
        FetchedArtifact fetched = ArtifactCopies.of(request.artifact())
                .fetch(manifest, request.identities(), request.workFolder(), log);
        try {
            log.accept("The artifact matches the manifest (SHA-256 " + manifest.dump().sha256() + "); read in "
                    + since(fetching));
            DumpLoad load = DumpLoad.prepare(request, fetched);
            log.accept(load.describe());
            databases.create(name);
            log.accept("Created the database " + name);
            try {
                Instant loading = Instant.now();
                var steps = new ToolSteps(request, name, fetched.folder(), log);
                load.into(steps);
                List<String> warnings = steps.warnings();
                log.accept("Loaded the dump in " + since(loading));
                Instant counting = Instant.now();
                List<TableCheck> tables = checkRows(request, name, log);
                log.accept("Counted the rows in " + since(counting));
                if (tables.isEmpty()) {
                    warnings.add("The manifest lists no tables, so no rows were checked");
                }
                Duration duration = Duration.between(started, Instant.now());
                log.accept("Restored backup " + manifest.id() + " into " + name + " in " + since(started) + "; "
                        + tables.size() + " tables have the rows the manifest lists");
                return new RestoreReport(name.value(), manifest.id(), tables, fetched.bytesRead(), duration, warnings);
            } catch (InterruptedException e) {
                RestoreFailedException failure = dropAfter(databases, name, new RestoreFailedException(
                        "The restore of backup " + manifest.id() + " into " + name + " was interrupted", e), log);
                Thread.currentThread().interrupt();
                throw failure;
            } catch (RestoreFailedException e) {
                throw dropAfter(databases, name, e, log);
            } catch (RuntimeException | Error e) {
                throw dropAfter(databases, name, new RestoreFailedException("The restore of backup " + manifest.id()
                        + " into " + name + " failed unexpectedly (" + e + ")", e), log);
            }
        } finally {
            fetched.delete(log);
        }
    }

    static String since(Instant start) {
        return String.format(java.util.Locale.ROOT, "%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    private static void refuseUnsupported(RestoreRequest request) {
        Manifest manifest = request.manifest();
        if (manifest.encrypted() && request.identities().isEmpty()) {
            throw new RestoreFailedException(needsKey(manifest));
        }
        String dumpName = manifest.format().artifactName() + (manifest.encrypted() ? Manifest.ENCRYPTED_SUFFIX : "");
        if (manifest.artifacts() == null || manifest.artifacts().stream().noneMatch(a -> a.name().equals(dumpName))) {
            throw new RestoreFailedException("The manifest of backup " + manifest.id() + " lists no "
                    + dumpName + ", so the backup is incomplete: restore from another backup");
        }
        if (!holdsClientTools(request.toolsBin())) {
            throw new RestoreFailedException("pg_restore and psql were not found in " + request.toolsBin()
                    + ": install the PostgreSQL client tools there or point the restore to their bin folder");
        }
    }

    /** What to say when an encrypted backup is restored without a key. */
    public static String needsKey(Manifest manifest) {
        return "Backup " + manifest.id() + " is encrypted with age (recipients " + String.join(", ",
                manifest.encryption()) + ") and no key was given: send the private key (\"identity\": "
                + "\"AGE-SECRET-KEY-…\") or the passphrase (\"passphrase\") with the restore, or give the target "
                + manifest.target() + " an identity alias with PUT /api/targets/" + manifest.target() + "/encryption";
    }

    private static List<TableCheck> checkRows(RestoreRequest request, DatabaseName name, Consumer<String> log)
            throws InterruptedException {
        List<Manifest.TableRows> expected = request.manifest().tables() == null ? List.of()
                : request.manifest().tables();
        log.accept("Counting the rows of " + expected.size() + " tables");
        List<TableCheck> tables;
        try {
            tables = RowCheck.count(request.server().withDatabase(name.value()), expected, request.jobs());
        } catch (SQLException e) {
            throw new RestoreFailedException("Could not count the rows of the restored database " + name + " ("
                    + e.getMessage() + "): check the server and restore again", e);
        }
        List<TableCheck> wrong = tables.stream().filter(t -> !t.ok()).toList();
        if (!wrong.isEmpty()) {
            throw new RestoreFailedException("The restored database " + name + " does not hold the rows the "
                    + "manifest of backup " + request.manifest().id() + " lists (" + wrong.size() + " of "
                    + tables.size() + " tables differ: " + wrong.stream().limit(SHOWN_PROBLEMS)
                    .map(TableCheck::toString).collect(Collectors.joining("; "))
                    + "): the backup is incomplete or the manifest belongs to another backup; restore from "
                    + "another backup");
        }
        return tables;
    }

    /** Drops the half-made database and returns the failure, its message saying whether the drop worked. */
    private static RestoreFailedException dropAfter(ServerDatabases databases, DatabaseName name,
                                                    RestoreFailedException failure, Consumer<String> log) {
        log.accept(failure.getMessage());
        try {
            databases.drop(name);
            log.accept("Dropped the half-made database " + name);
            return new RestoreFailedException(failure.getMessage() + ". The half-made database " + name
                    + " was dropped.", failure.getCause() == null ? failure : failure.getCause());
        } catch (SQLException | RuntimeException e) {
            log.accept("Could not drop the half-made database " + name + ": " + e.getMessage());
            var notDropped = new RestoreFailedException(failure.getMessage() + ". The half-made database " + name
                    + " could not be dropped (" + e.getMessage() + "): drop it by hand with DROP DATABASE "
                    + name.quoted() + " WITH (FORCE).", failure);
            notDropped.addSuppressed(e);
            return notDropped;
        }
    }

    private static boolean holdsClientTools(Path bin) {
        return Files.isExecutable(bin.resolve("pg_restore")) && Files.isExecutable(bin.resolve("psql"));
    }
}
