package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.targets.entity.DatabaseLogin;

import java.util.ArrayList;
import java.util.List;

/**
 * The pg_dump command line for a backup, with a bigger output buffer where the machine can give it one
 * ({@link StdoutBuffer}). It carries no password: that goes through a {@link PassFile}.
 */
final class PgDumpCommand {

    private PgDumpCommand() {
    }

    static List<String> arguments(PgClient client, DatabaseLogin login, BackupFormat format, String snapshotId) {
        List<String> arguments = new ArrayList<>(StdoutBuffer.prefix());
        arguments.add(client.pgDump().toString());
        switch (format) {
            case CUSTOM_ZSTD -> arguments.addAll(List.of("--format=custom", "--compress=0"));
            case PLAIN_GZIP -> arguments.addAll(List.of("--format=plain", "--clean", "--if-exists"));
        }
        arguments.addAll(List.of("--snapshot=" + snapshotId, "--no-password",
                "--host=" + login.host(), "--port=" + login.port(), "--username=" + login.user(),
                "--dbname=" + databaseArgument(login.database())));
        return arguments;
    }

    /** A name that libpq would read as a connection string ("a=b", "postgresql://…") is passed quoted as one. */
    private static String databaseArgument(String database) {
        if (database.contains("=") || database.startsWith("postgres://") || database.startsWith("postgresql://")) {
            return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return database;
    }
}
