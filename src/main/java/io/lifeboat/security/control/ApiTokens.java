package io.lifeboat.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.lifeboat.security.control.RefusedException.Reason;
import io.lifeboat.security.control.Tokens.Role;
import io.lifeboat.security.entity.ApiToken;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens: signed JWTs whose id is registered in the catalog. A token counts only while it is
 * registered, not revoked and not expired, so a revocation takes effect with the next request.
 */
public class ApiTokens {

    public static final Duration LONGEST_VALIDITY = Duration.ofDays(3 * 366);
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}");
    private static final String COLUMNS =
            "jti, name, role, created_by, created_at, expires_at, last_used, revoked_at, revoked_by";

    /** What a presented token turned out to be. */
    public sealed interface Check {
        record Accepted(ApiToken token) implements Check {
        }

        record Refused(String reason) implements Check {
        }
    }

    /** A new token: its value, to be shown once, and its record. */
    public record Created(String value, ApiToken token) {
        @Override
        public String toString() {
            return "token " + token.id() + " '" + token.name() + "'";
        }
    }

    private final Catalog catalog;
    private final SigningKeys keys;

    public ApiTokens(DataSource dataSource, SigningKeys keys) {
        this.catalog = new Catalog(dataSource);
        this.keys = keys;
    }

    public Created create(String name, Role role, Duration validity, String createdBy) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RefusedException(Reason.INVALID, "A token name is 1 to 63 letters, digits, '.', '_', '@' or '-', "
                    + "starting with a letter or digit; say what uses it, e.g. 'deploy-hook'.");
        }
        if (role == null) {
            throw new RefusedException(Reason.INVALID, "Give the token a role: viewer, operator or admin.");
        }
        if (validity == null || validity.isNegative() || validity.isZero() || validity.compareTo(LONGEST_VALIDITY) > 0) {
            throw new RefusedException(Reason.INVALID, "A token expires after 1 to " + LONGEST_VALIDITY.toDays()
                    + " days: give \"days\" in that range.");
        }
        Tokens.Issued issued = new Tokens(keys).issue(name, role, validity);
        try {
            register(issued, name, role, createdBy);
        } catch (IllegalStateException e) {
            if (Catalog.isUniqueViolation(e)) {
                throw new RefusedException(Reason.CONFLICT, "A live token is named '" + name
                        + "' already: choose another name, or revoke that token first.");
            }
            throw e;
        }
        return new Created(issued.token(), require(issued.id()));
    }

    /** Registers a token issued elsewhere (the first admin token written at first start). */
    public void register(Tokens.Issued issued, String name, Role role, String createdBy) {
        catalog.update("insert into api_tokens (jti, name, role, created_by, expires_at) values (?, ?, ?, ?, ?)",
                issued.id(), name, role.name(), createdBy, issued.expiresAt());
    }

    /** Registers a token from an earlier version of Lifeboat if its signature is Lifeboat's own; false otherwise. */
    public boolean adopt(String value, String createdBy) {
        return signedClaims(value).filter(claims -> find(claims.jti()).isEmpty()).map(claims -> {
            register(new Tokens.Issued(claims.jti(), value, claims.expiresAt()), claims.name(), claims.role(), createdBy);
            return true;
        }).orElse(false);
    }

    public Check check(String value, Instant now) {
        Optional<Claims> claims = signedClaims(value);
        if (claims.isEmpty()) {
            return new Check.Refused("The token is not one Lifeboat issued (damaged, or signed with another key): "
                    + "ask an admin for a new one.");
        }
        Optional<ApiToken> registered = find(claims.get().jti());
        if (registered.isEmpty()) {
            return new Check.Refused("The token is not registered in this Lifeboat: ask an admin for a new one.");
        }
        ApiToken token = registered.get();
        if (token.revokedAt() != null) {
            return new Check.Refused("The token '" + token.name() + "' was revoked: ask an admin for a new one.");
        }
        if (!token.expiresAt().toInstant().isAfter(now) || !claims.get().expiresAt().isAfter(now)) {
            return new Check.Refused("The token '" + token.name() + "' expired at " + token.expiresAt()
                    + ": ask an admin for a new one.");
        }
        if (token.lastUsed() == null || token.lastUsed().toInstant().plus(LAST_USE_PRECISION).isBefore(now)) {
            catalog.update("update api_tokens set last_used = ? where jti = ?", now, token.id());
        }
        return new Check.Accepted(token);
    }

    public List<ApiToken> list(boolean withRevoked) {
        return catalog.query("select " + COLUMNS + " from api_tokens" + (withRevoked ? "" : " where revoked_at is null")
                + " order by name, created_at", ApiTokens::token);
    }

    public Optional<ApiToken> find(String id) {
        return catalog.query("select " + COLUMNS + " from api_tokens where jti = ?", ApiTokens::token, id)
                .stream().findFirst();
    }

    public ApiToken require(String id) {
        return find(id).orElseThrow(() -> new RefusedException(Reason.NOT_FOUND,
                "There is no token with id '" + id + "'. List them with GET /api/tokens."));
    }

    public ApiToken revoke(String id, String revokedBy) {
        require(id);
        catalog.update("update api_tokens set revoked_at = now(), revoked_by = ? where jti = ? and revoked_at is null",
                revokedBy, id);
        return require(id);
    }

    private record Claims(String jti, String name, Role role, Instant expiresAt) {
    }

    private Optional<Claims> signedClaims(String value) {
        try {
            SignedJWT jwt = SignedJWT.parse(value.strip());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(keys.publicKey()))) {
                return Optional.empty();
            }
            var claims = jwt.getJWTClaimsSet();
            if (!SigningKeys.ISSUER.equals(claims.getIssuer()) || claims.getJWTID() == null
                    || claims.getExpirationTime() == null) {
                return Optional.empty();
            }
            List<String> groups = claims.getStringListClaim("groups");
            Role role = groups != null && groups.contains(Role.ADMIN_NAME) ? Role.ADMIN
                    : groups != null && groups.contains(Role.OPERATOR_NAME) ? Role.OPERATOR : Role.VIEWER;
            return Optional.of(new Claims(claims.getJWTID(), claims.getSubject(), role,
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ApiToken token(ResultSet row) throws SQLException {
        return new ApiToken(row.getString("jti"), row.getString("name"), Role.valueOf(row.getString("role")),
                row.getString("created_by"), Catalog.time(row, "created_at"), Catalog.time(row, "expires_at"),
                Catalog.time(row, "last_used"), Catalog.time(row, "revoked_at"), row.getString("revoked_by"));
    }
}
