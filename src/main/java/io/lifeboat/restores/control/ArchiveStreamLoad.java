package io.lifeboat.restores.control;

import io.lifeboat.backups.entity.BackupFormat;

/**
 * A custom archive whose layout this reader does not know, loaded as pg_restore reads any archive from a pipe: whole,
 * by one pg_restore, without parallel jobs.
 *
 * @param fetched the compressed archive
 * @param reason  what was not as expected
 */
record ArchiveStreamLoad(FetchedArtifact fetched, String reason) implements DumpLoad {

    @Override
    public String describe() {
        return "Loading the archive as one stream, without parallel jobs (its layout was not the expected one: "
                + reason + ")";
    }

    @Override
    public void into(ToolSteps steps) throws InterruptedException {
        steps.run(steps.command("pg_restore", "--exit-on-error"), DumpLoad.whole(BackupFormat.CUSTOM_ZSTD,
                fetched.file()));
    }
}
