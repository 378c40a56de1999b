package io.lifeboat.restores.control;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a successful restore: every table of the manifest was found with its rows.
 *
 * @param database  the new database
 * @param backupId  the backup restored
 * @param tables    the row check of every table the manifest lists
 * @param bytesRead bytes of the artifact read (compressed, as stored)
 * @param duration  from the start of the restore to the end of the row checks
 * @param warnings  things worth a look that did not fail the restore
 */
public record RestoreReport(String database, String backupId, List<TableCheck> tables, long bytesRead,
                            Duration duration, List<String> warnings) {

    public RestoreReport {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
    }

    /**
     * Rows of one table: expected by the manifest, found in the restored database.
     *
     * @param actual the rows found, or {@link #MISSING} when the table is not in the restored database
     */
    public record TableCheck(String schema, String table, long expected, long actual) {

        public static final long MISSING = -1;

        public boolean missing() {
            return actual == MISSING;
        }

        public boolean ok() {
            return actual == expected;
        }

        public String qualifiedName() {
            return schema + "." + table;
        }

        @Override
        public String toString() {
            return qualifiedName() + (missing() ? " is missing" : ": expected " + expected + " rows, found " + actual);
        }
    }
}
