package io.lifeboat.security.control;

import io.lifeboat.testing.TestDatabase;
import jakarta.security.enterprise.identitystore.PasswordHash;
import org.flywaydb.core.Flyway;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.util.Map;

/** A fresh, migrated catalog database on the test cluster, and the password hash Payara uses. */
final class SecurityCatalogs {

    private SecurityCatalogs() {
    }

    static DataSource fresh(String prefix) {
        var db = TestDatabase.get();
        String name = db.createDatabase(prefix);
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.jdbcUrl(name));
        dataSource.setUser(TestDatabase.SUPERUSER);
        dataSource.setPassword(db.password());
        Flyway.configure(SecurityCatalogs.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /** Soteria's PBKDF2, with fewer iterations than production so the tests stay quick. */
    static PasswordHash passwordHash() {
        var hash = new Pbkdf2PasswordHashImpl();
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "1024"));
        return hash;
    }
}
