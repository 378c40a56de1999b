package io.lifeboat.security.control;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Slows down password guessing: after 5 failed logins for a name, or 20 from an address, within 15
 * minutes, logins are refused for 30 s after the last failure, doubling with every further failure.
 * Refused attempts are not counted, so a user can always log in once the delay has passed.
 */
public class LoginThrottle {

    public static final int NAME_LIMIT = 5;
    public static final int ADDRESS_LIMIT = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_DELAY = Duration.ofSeconds(30);

    public sealed interface Verdict {
        record Allowed() implements Verdict {
        }

        record Refused(Instant retryAt) implements Verdict {
        }
    }

    private record Failures(long count, OffsetDateTime last) {
    }

    private final Catalog catalog;

    public LoginThrottle(DataSource dataSource) {
        this.catalog = new Catalog(dataSource);
    }

    public Verdict check(String name, String address, Instant now) {
        Instant since = now.minus(WINDOW);
        Optional<Instant> byName = retryAt(failures("name", name, since), NAME_LIMIT);
        Optional<Instant> byAddress = retryAt(failures("address", address, since), ADDRESS_LIMIT);
        Optional<Instant> retryAt = byName.isEmpty() ? byAddress
                : byAddress.map(a -> a.isAfter(byName.get()) ? a : byName.get()).or(() -> byName);
        return retryAt.filter(at -> at.isAfter(now)).<Verdict>map(Verdict.Refused::new).orElse(new Verdict.Allowed());
    }

    public void recordFailure(String name, String address, Instant at) {
        catalog.update("insert into login_failures (name, address, at) values (?, ?, ?)", name, address, at);
        catalog.update("delete from login_failures where at < ?", at.minus(WINDOW.multipliedBy(4)));
    }

    /** After a successful login the name starts afresh; the address keeps its failures until they age out. */
    public void forget(String name) {
        catalog.update("delete from login_failures where name = ?", name);
    }

    private Failures failures(String column, String value, Instant since) {
        return catalog.query("select count(*), max(at) from login_failures where " + column + " = ? and at > ?",
                row -> new Failures(row.getLong(1), Catalog.time(row, "max")), value == null ? "" : value, since).get(0);
    }

    private static Optional<Instant> retryAt(Failures failures, int limit) {
        if (failures.count() < limit) {
            return Optional.empty();
        }
        long doublings = Math.min(failures.count() - limit, 16);
        return Optional.of(failures.last().toInstant().plus(FIRST_DELAY.multipliedBy(1L << doublings)));
    }
}
