package io.lifeboat.destinations.control;

import io.lifeboat.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The catalog accepts S3 destinations after the migrations, and still no unknown kind. */
class S3DestinationMigrationTest {

    @Test
    void theCatalogStoresS3DestinationsOnly() throws SQLException {
        var db = TestDatabase.get();
        String name = db.createDatabase("s3_migration");
        Flyway.configure(getClass().getClassLoader())
                .dataSource(db.jdbcUrl(name), TestDatabase.SUPERUSER, db.password())
                .locations("classpath:db/migration").load().migrate();

        db.execute(name, "insert into destinations (name, kind, location) values ('offsite', 'S3', "
                + "'s3://bucket/prefix?accessKeyAlias=a&secretKeyAlias=s')");
        assertThrows(RuntimeException.class, () -> db.execute(name,
                "insert into destinations (name, kind, location) values ('ftp', 'FTP', 'ftp://x')"));
        try (var connection = db.connect(name); var rows = connection.createStatement()
                .executeQuery("select kind from destinations order by name")) {
            rows.next();
            assertEquals("S3", rows.getString(1));
            assertEquals(false, rows.next());
        }
    }
}
