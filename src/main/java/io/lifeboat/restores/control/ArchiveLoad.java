package io.lifeboat.restores.control;

import io.lifeboat.archives.control.ArchiveInput;
import io.lifeboat.archives.control.TableOfContents;
import io.lifeboat.archives.control.DataBlocks;
import io.lifeboat.archives.control.UnexpectedArchiveException;
import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.archives.control.TableOfContents.Entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A custom archive loaded in three steps, as pg_restore's own parallel restore does, but from the compressed file:
 * the schema before the data from a file holding only the table of contents; the data in {@link DataLanes}, each a
 * pg_restore reading its own stream of the archive with the chunks of its tables joined ({@link DataBlocks}), and
 * building the indexes of its tables when it is done while others still load ({@link PostDataSection}); the rest of
 * the indexes, the constraints and everything else with {@code pg_restore -j}, again from the table of contents.
 *
 * @param fetched         the compressed archive
 * @param tocFile         the file with the archive's header and table of contents
 * @param toc             what it holds
 * @param lanes           the data section, split
 * @param jobs            parallel jobs for the indexes and constraints
 */
record ArchiveLoad(FetchedArtifact fetched, Path tocFile, TableOfContents toc, DataLanes lanes, int jobs)
        implements DumpLoad {

    private static final int SHOWN_TABLES = 5;

    /**
     * Reads the archive's table of contents into its own file and splits the data into lanes. An archive this
     * reader does not know is loaded as one stream; bytes that do not decompress, or are no pg_dump archive, are
     * refused.
     */
    static DumpLoad prepare(RestoreRequest request, FetchedArtifact fetched) {
        Path file = fetched.folder().resolve("toc.pgc");
        try (InputStream in = DumpLoad.decompressed(BackupFormat.CUSTOM_ZSTD, fetched.file());
             OutputStream out = Files.newOutputStream(file)) {
            var input = new ArchiveInput(in, out);
            TableOfContents toc = TableOfContents.read(input);
            input.stopCopying();
            refuseDataOutsideTheDataSection(toc);
            var lanes = DataLanes.split(toc.dataSection(), request.manifest().tables() == null ? List.of()
                    : request.manifest().tables(), request.jobs());
            return new ArchiveLoad(fetched, file, toc, lanes, request.jobs());
        } catch (UnexpectedArchiveException e) {
            if (TableOfContents.NOT_AN_ARCHIVE.equals(e.getMessage())) {
                throw new RestoreFailedException("Refused to restore backup " + request.manifest().id() + ": the "
                        + "artifact matches its manifest but holds no pg_dump archive (" + e.getMessage() + "); "
                        + "restore from another backup. Nothing was created.");
            }
            return new ArchiveStreamLoad(fetched, e.getMessage());
        } catch (IOException e) {
            throw DumpLoad.undecompressable(request, e);
        }
    }

    private static void refuseDataOutsideTheDataSection(TableOfContents toc) throws UnexpectedArchiveException {
        for (Entry entry : toc.entries()) {
            if (entry.hasData() && entry.section() != TableOfContents.Section.DATA) {
                throw new UnexpectedArchiveException("data for entry " + entry.dumpId() + " (" + entry.desc()
                        + ") outside the data section");
            }
        }
    }

    @Override
    public String describe() {
        return "Loading the archive in " + lanes.lanes().size() + " data streams (" + lanes.lanes().stream()
                .map(ArchiveLoad::describe).collect(Collectors.joining("; ")) + "), the schema before and the indexes "
                + "after them with " + jobs + " jobs";
    }

    private static String describe(List<Entry> lane) {
        List<String> names = lane.stream().filter(Entry::hasData).map(ArchiveLoad::name).toList();
        return String.join(", ", names.subList(0, Math.min(names.size(), SHOWN_TABLES)))
                + (names.size() > SHOWN_TABLES ? " and " + (names.size() - SHOWN_TABLES) + " more" : "");
    }

    private static String name(Entry entry) {
        return entry.namespace().isEmpty() ? entry.desc() : entry.namespace() + "." + entry.tag();
    }

    @Override
    public void into(ToolSteps steps) throws InterruptedException {
        steps.run(withFile(steps.command("pg_restore", "--exit-on-error", "--section=pre-data")), ToolRun.Input.NONE);
        var postData = new PostDataSection(toc, lanes.lanes().size());
        loadData(steps, postData);
        List<Entry> rest = postData.rest();
        if (!rest.isEmpty()) {
            steps.run(withFile(steps.command("pg_restore", "--exit-on-error", "-j", String.valueOf(jobs), "-L",
                    listFile("post-data", rest).toString())), ToolRun.Input.NONE);
        }
    }

    private List<String> withFile(List<String> command) {
        command.add(tocFile.toString());
        return command;
    }

    /** Runs the lanes side by side; the first that fails stops the others. */
    private void loadData(ToolSteps steps, PostDataSection postData) throws InterruptedException {
        List<List<Entry>> all = lanes.lanes();
        ExecutorService pool = Executors.newFixedThreadPool(all.size(), runnable -> {
            Thread thread = new Thread(runnable, "restore data stream");
            thread.setDaemon(true);
            return thread;
        });
        var done = new ExecutorCompletionService<Void>(pool);
        try {
            for (int i = 0; i < all.size(); i++) {
                List<Entry> lane = all.get(i);
                String name = "data-" + (i + 1);
                done.submit(() -> {
                    steps.run(steps.command("pg_restore", "--exit-on-error", "-L", listFile(name, lane).toString()),
                            stdin -> stream(lane, stdin));
                    List<Entry> indexes = postData.laneLoaded(lane);
                    if (!indexes.isEmpty()) {
                        steps.run(withFile(steps.command("pg_restore", "--exit-on-error", "-L",
                                listFile(name + "-indexes", indexes).toString())), ToolRun.Input.NONE);
                    }
                    return null;
                });
            }
            for (int i = 0; i < all.size(); i++) {
                done.take().get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RestoreFailedException failure ? failure
                    : new RestoreFailedException("A data stream of the restore failed unexpectedly ("
                    + e.getCause() + ")", e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** The entries, one dump id a line, as pg_restore -L reads them. */
    private Path listFile(String name, List<Entry> entries) {
        Path file = fetched.folder().resolve(name + ".list");
        String lines = entries.stream().map(e -> e.dumpId() + "\n").collect(Collectors.joining());
        try {
            Files.writeString(file, lines, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RestoreFailedException("Could not write " + file + " (" + e.getMessage() + "): free space in "
                    + "the work folder or choose another one, then restore again", e);
        }
        return file;
    }

    /** The archive as the lane's pg_restore reads it: header and table of contents, then the lane's data blocks. */
    private void stream(List<Entry> lane, OutputStream stdin) throws IOException, UnexpectedArchiveException {
        Set<Integer> wanted = lane.stream().filter(Entry::hasData).map(Entry::dumpId).collect(Collectors.toSet());
        try (InputStream in = DumpLoad.decompressed(BackupFormat.CUSTOM_ZSTD, fetched.file())) {
            var input = new ArchiveInput(in, stdin);
            TableOfContents.read(input);
            input.stopCopying();
            DataBlocks.copy(input, wanted, stdin);
        }
    }
}
