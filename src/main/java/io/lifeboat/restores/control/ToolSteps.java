package io.lifeboat.restores.control;

import io.lifeboat.archives.control.UnexpectedArchiveException;
import io.lifeboat.backups.control.PassFile;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client tool runs that load one dump into the new database, sharing the restore's timeout: each step gets what
 * is left of it. A step that fails is a {@link RestoreFailedException} saying what to do next; the stderr lines of
 * the steps that succeeded are kept as warnings.
 */
final class ToolSteps {

    private final RestoreRequest request;
    private final DatabaseName name;
    private final Path folder;
    private final Consumer<String> log;
    private final Instant deadline;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    ToolSteps(RestoreRequest request, DatabaseName name, Path folder, Consumer<String> log) {
        this.request = request;
        this.name = name;
        this.folder = folder;
        this.log = log;
        this.deadline = Instant.now().plus(request.timeout());
    }

    /** The tool's path followed by its connection to the new database; arguments go after. */
    List<String> command(String tool, String... arguments) {
        DatabaseLogin server = request.server();
        List<String> command = new ArrayList<>();
        command.add(request.toolsBin().resolve(tool).toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("--no-password", "-h", server.host(), "-p", String.valueOf(server.port()),
                "-U", server.user(), "-d", name.value()));
        return command;
    }

    /** Runs one step, its stdin fed from {@code input}. */
    void run(List<String> command, ToolRun.Input input) throws InterruptedException {
        String tool = Path.of(command.get(0)).getFileName().toString();
        log.accept("Running " + String.join(" ", command));
        Instant start = Instant.now();
        Duration left = Duration.between(start, deadline);
        ToolRun.Outcome outcome;
        try (PassFile passFile = PassFile.create(request.server().withDatabase(name.value()), folder)) {
            outcome = left.isNegative() || left.isZero() ? new ToolRun.TimedOut(left, List.of())
                    : ToolRun.run(command, input, passFile, left, log);
        }
        String backup = request.manifest().id();
        if (outcome instanceof ToolRun.Exited exited && exited.exitCode() == 0) {
            warnings.addAll(exited.stderrTail());
            log.accept(tool + " finished in " + Restore.since(start));
        } else if (outcome instanceof ToolRun.Exited exited) {
            throw new RestoreFailedException(tool + " failed (exit code " + exited.exitCode() + ") restoring backup "
                    + backup + " into " + name + ": " + lastLines(exited.stderrTail()) + ". Fix the cause it reports "
                    + "(a role missing on this server: create it; a missing extension: install it) and restore again");
        } else if (outcome instanceof ToolRun.TimedOut) {
            throw new RestoreFailedException(tool + " did not finish within " + request.timeout() + " restoring "
                    + "backup " + backup + " into " + name + " and was stopped: give the restore a longer timeout or "
                    + "check the server's load, then restore again");
        } else if (outcome instanceof ToolRun.InputFailed failed) {
            throw failed.cause() instanceof RestoreFailedException stopped ? stopped : unreadable(failed.cause());
        }
    }

    /** The dump could not be read to its end: it matches its manifest, so it was damaged before it was stored. */
    private RestoreFailedException unreadable(Exception cause) {
        String why = cause instanceof UnexpectedArchiveException
                ? "the pg_dump archive inside it is damaged (" + cause.getMessage() + ")"
                : "it does not decompress as " + request.manifest().format().compression() + " to its end ("
                + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        return new RestoreFailedException("Backup " + request.manifest().id() + " matches its manifest, but " + why
                + ", so it was damaged before its checksum was taken; restore from another backup and check the "
                + "backups of " + request.manifest().target(), cause);
    }

    /** The stderr lines of the steps that succeeded. */
    List<String> warnings() {
        synchronized (warnings) {
            return new ArrayList<>(warnings);
        }
    }

    private static String lastLines(List<String> stderr) {
        return stderr.isEmpty() ? "it wrote no error message" : String.join(" | ", stderr);
    }
}
