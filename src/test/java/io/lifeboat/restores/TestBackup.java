package io.lifeboat.restores;

import io.lifeboat.backups.entity.BackupFormat;
import io.lifeboat.backups.entity.Manifest;
import io.lifeboat.backups.entity.Trigger;
import io.lifeboat.restores.control.ArtifactSource;
import io.lifeboat.testing.ClientTools;
import io.lifeboat.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A backup made the way the backup pipeline makes one, with the real CLI: {@code pg_dump -Fc -Z0 | zstd} or
 * {@code pg_dump -Fp --clean --if-exists | gzip}, and a manifest built by hand (SHA-256, size, count(*) per table).
 */
public record TestBackup(Manifest manifest, Path artifact) {

    public static TestBackup make(TestDatabase db, String database, BackupFormat format, Path folder) {
        try {
            Files.createDirectories(folder);
            Path artifact = folder.resolve(format.artifactName());
            Instant started = Instant.now();
            List<Manifest.TableRows> tables = rowCounts(db, database);
            List<String> dump = new ArrayList<>(List.of(ClientTools.bin("pg_dump").toString()));
            dump.addAll(switch (format) {
                case CUSTOM_ZSTD -> List.of("-Fc", "-Z0");
                case PLAIN_GZIP -> List.of("-Fp", "--clean", "--if-exists");
            });
            dump.addAll(ClientTools.connection(db, database));
            List<String> compress = switch (format) {
                case CUSTOM_ZSTD -> List.of("zstd", "-q", "-c", "-3", "-T2");
                case PLAIN_GZIP -> List.of("gzip", "-c", "-6");
            };
            ClientTools.pipe(db, dump, compress, artifact);
            var manifest = new Manifest(1, UUID.randomUUID().toString(), "test-target", database, 0, "0", "15",
                    "pg_dump (PostgreSQL) 15", format, format.compression(), List.of(),
                    List.of(new Manifest.Artifact(format.artifactName(), Files.size(artifact), sha256(artifact))),
                    tables, "", Trigger.MANUAL, "test", started, Instant.now());
            return new TestBackup(manifest, artifact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ArtifactSource source() {
        return () -> Files.newInputStream(artifact);
    }

    /** The same backup with other table row counts in its manifest. */
    public TestBackup withTables(UnaryOperator<List<Manifest.TableRows>> change) {
        Manifest m = manifest;
        return new TestBackup(new Manifest(m.formatVersion(), m.id(), m.target(), m.database(), m.databaseOid(),
                m.systemIdentifier(), m.serverVersion(), m.pgDumpVersion(), m.format(), m.compression(),
                m.encryption(), m.artifacts(), change.apply(new ArrayList<>(m.tables())), m.schemaFingerprint(),
                m.trigger(), m.initiator(), m.startedAt(), m.finishedAt()), artifact);
    }

    /** count(*) of every ordinary and partitioned table outside the system schemas. */
    public static List<Manifest.TableRows> rowCounts(TestDatabase db, String database) {
        List<Manifest.TableRows> tables = new ArrayList<>();
        try (Connection c = db.connect(database); var statement = c.createStatement();
             var rows = statement.executeQuery("select n.nspname, c.relname, format('%I.%I', n.nspname, c.relname) "
                     + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') "
                     + "and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' "
                     + "order by 1, 2")) {
            while (rows.next()) {
                try (var count = c.createStatement().executeQuery("select count(*) from " + rows.getString(3))) {
                    count.next();
                    tables.add(new Manifest.TableRows(rows.getString(1), rows.getString(2), count.getLong(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
