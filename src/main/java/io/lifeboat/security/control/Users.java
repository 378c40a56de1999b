package io.lifeboat.security.control;

import io.lifeboat.security.control.RefusedException.Reason;
import io.lifeboat.security.control.Tokens.Role;
import io.lifeboat.security.entity.User;
import jakarta.security.enterprise.identitystore.PasswordHash;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Console users in the catalog, with PBKDF2 password hashes. The last enabled admin cannot be removed. */
public class Users {

    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}");
    private static final String COLUMNS = "name, role, language, created_at, disabled_at";
    private static final String OTHER_ENABLED_ADMIN = "exists (select 1 from users o where o.role = 'ADMIN' "
            + "and o.disabled_at is null and o.name <> users.name)";

    private final Catalog catalog;
    private final PasswordHash hash;
    private final String hashOfNobody;

    public Users(DataSource dataSource, PasswordHash hash) {
        this.catalog = new Catalog(dataSource);
        this.hash = hash;
        this.hashOfNobody = hash.generate("no user has this password".toCharArray());
    }

    public boolean any() {
        return !catalog.query("select 1 from users limit 1", row -> 1).isEmpty();
    }

    public User create(String name, char[] password, Role role, String language) {
        checkName(name);
        checkPassword(password);
        try {
            catalog.update("insert into users (name, password_hash, role, language) values (?, ?, ?, ?)",
                    name, hash.generate(password), require(role).name(), language == null ? "en" : language);
        } catch (IllegalStateException e) {
            if (Catalog.isUniqueViolation(e)) {
                throw new RefusedException(Reason.CONFLICT, "A user '" + name + "' exists already: choose another name.");
            }
            throw e;
        }
        return require(name);
    }

    /** Creates the first admin, only while there is no user at all; false when someone was first. */
    public boolean createFirstAdmin(String name, char[] password) {
        checkName(name);
        checkPassword(password);
        return catalog.update("insert into users (name, password_hash, role) select ?, ?, 'ADMIN' "
                + "where not exists (select 1 from users)", name, hash.generate(password)) == 1;
    }

    /** The user with this name and password, if enabled. Costs one hash whether the name exists or not. */
    public Optional<User> authenticate(String name, char[] password) {
        if (name == null || password == null) {
            return Optional.empty();
        }
        var stored = catalog.query("select password_hash, " + COLUMNS + " from users where name = ?",
                row -> new Object[]{row.getString("password_hash"), user(row)}, name);
        if (stored.isEmpty()) {
            hash.verify(password, hashOfNobody);
            return Optional.empty();
        }
        User user = (User) stored.get(0)[1];
        boolean matches = hash.verify(password, (String) stored.get(0)[0]);
        return matches && user.enabled() ? Optional.of(user) : Optional.empty();
    }

    public Optional<User> find(String name) {
        return catalog.query("select " + COLUMNS + " from users where name = ?", Users::user, name).stream().findFirst();
    }

    public User require(String name) {
        return find(name).orElseThrow(() -> new RefusedException(Reason.NOT_FOUND,
                "There is no user '" + name + "'. List them with GET /api/users."));
    }

    public List<User> list() {
        return catalog.query("select " + COLUMNS + " from users order by name", Users::user);
    }

    public User changeRole(String name, Role role) {
        require(name);
        if (catalog.update("update users set role = ? where name = ? and (? = 'ADMIN' or role <> 'ADMIN' "
                + "or disabled_at is not null or " + OTHER_ENABLED_ADMIN + ")",
                require(role).name(), name, role.name()) == 0) {
            throw lastAdmin(name);
        }
        return require(name);
    }

    public User disable(String name) {
        require(name);
        if (catalog.update("update users set disabled_at = coalesce(disabled_at, now()) where name = ? and "
                + "(role <> 'ADMIN' or " + OTHER_ENABLED_ADMIN + ")", name) == 0) {
            throw lastAdmin(name);
        }
        return require(name);
    }

    public User enable(String name) {
        require(name);
        catalog.update("update users set disabled_at = null where name = ?", name);
        return require(name);
    }

    public User changeLanguage(String name, String language) {
        require(name);
        catalog.update("update users set language = ? where name = ?", language, name);
        return require(name);
    }

    public void changePassword(String name, char[] password) {
        checkPassword(password);
        if (catalog.update("update users set password_hash = ? where name = ?", hash.generate(password), name) == 0) {
            require(name);
        }
    }

    public void delete(String name) {
        require(name);
        if (catalog.update("delete from users where name = ? and (role <> 'ADMIN' or disabled_at is not null or "
                + OTHER_ENABLED_ADMIN + ")", name) == 0) {
            throw lastAdmin(name);
        }
    }

    private static RefusedException lastAdmin(String name) {
        return new RefusedException(Reason.CONFLICT, "'" + name + "' is the last enabled admin: make another user "
                + "admin first, so that someone can still manage Lifeboat.");
    }

    private static Role require(Role role) {
        if (role == null) {
            throw new RefusedException(Reason.INVALID, "Give a role: viewer, operator or admin.");
        }
        return role;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RefusedException(Reason.INVALID, "A user name is 1 to 63 letters, digits, '.', '_', '@' or '-', "
                    + "starting with a letter or digit.");
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new RefusedException(Reason.INVALID, "A password needs at least " + MIN_PASSWORD_LENGTH
                    + " characters; a passphrase of a few words is easiest to remember.");
        }
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getString("name"), Role.valueOf(row.getString("role")), row.getString("language"),
                Catalog.time(row, "created_at"), Catalog.time(row, "disabled_at"));
    }
}
