package io.lifeboat.destinations.control;

import io.lifeboat.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The catalog accepts OneDrive destinations after the migrations, keeps the other kinds, and no unknown one. */
class OneDriveDestinationMigrationTest {

    @Test
    void theCatalogStoresOneDriveDestinationsBesideTheOtherKinds() throws SQLException {
        var db = TestDatabase.get();
        String name = db.createDatabase("onedrive_migration");
        Flyway.configure(getClass().getClassLoader())
                .dataSource(db.jdbcUrl(name), TestDatabase.SUPERUSER, db.password())
                .locations("classpath:db/migration").load().migrate();

        db.execute(name, "insert into destinations (name, kind, location) values ('offsite', 'ONEDRIVE', "
                + "'onedrive:/Backups/lifeboat?tenant=t&clientIdAlias=c&clientSecretAlias=s&refreshTokenAlias=r')");
        db.execute(name, "insert into destinations (name, kind, location) values ('bucket', 'S3', "
                + "'s3://bucket/prefix?accessKeyAlias=a&secretKeyAlias=s')");
        db.execute(name, "insert into destinations (name, kind, location) values ('disk', 'LOCAL', '/srv/backups')");
        assertThrows(RuntimeException.class, () -> db.execute(name,
                "insert into destinations (name, kind, location) values ('ftp', 'FTP', 'ftp://x')"));
        List<String> kinds = new ArrayList<>();
        try (var connection = db.connect(name); var rows = connection.createStatement()
                .executeQuery("select kind from destinations order by name")) {
            while (rows.next()) {
                kinds.add(rows.getString(1));
            }
        }
        assertEquals(List.of("S3", "LOCAL", "ONEDRIVE"), kinds);
    }
}
