package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.BackupFormat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A plain SQL dump, decompressed into psql's stdin; psql stops at the first error. */
record ScriptLoad(FetchedArtifact fetched) implements DumpLoad {

    /** Refuses a file that does not start as gzip before anything is created. */
    static ScriptLoad prepare(RestoreRequest request, FetchedArtifact fetched) {
        try (InputStream in = DumpLoad.decompressed(BackupFormat.PLAIN_GZIP, fetched.file())) {
            in.read(new byte[BUFFER]);
        } catch (IOException e) {
            throw DumpLoad.undecompressable(request, e);
        }
        return new ScriptLoad(fetched);
    }

    @Override
    public String describe() {
        return "Loading the SQL script with psql, decompressed on the way";
    }

    @Override
    public void into(ToolSteps steps) throws InterruptedException {
        List<String> command = steps.command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1");
        steps.run(command, DumpLoad.whole(BackupFormat.PLAIN_GZIP, fetched.file()));
    }
}
