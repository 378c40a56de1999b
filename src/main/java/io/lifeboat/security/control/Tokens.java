package io.lifeboat.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Issues API tokens (MicroProfile JWT) signed with Lifeboat's own key. */
public final class Tokens {

    private final SigningKeys keys;

    public Tokens(SigningKeys keys) {
        this.keys = keys;
    }

    public record Issued(String id, String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "token " + id + " (expires " + expiresAt + ")";
        }
    }

    public Issued issue(String name, Role role, Duration validity) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(validity);
        String id = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(SigningKeys.ISSUER)
                .subject(name)
                .claim("upn", name)
                .claim("groups", role.impliedRoles())
                .jwtID(id)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token: " + e.getMessage(), e);
        }
        return new Issued(id, jwt.serialize(), expiresAt);
    }

    /** The roles of Lifeboat; each includes the ones below it. */
    public enum Role {
        VIEWER, OPERATOR, ADMIN;

        public static final String VIEWER_NAME = "viewer";
        public static final String OPERATOR_NAME = "operator";
        public static final String ADMIN_NAME = "admin";

        public List<String> impliedRoles() {
            return switch (this) {
                case VIEWER -> List.of(VIEWER_NAME);
                case OPERATOR -> List.of(VIEWER_NAME, OPERATOR_NAME);
                case ADMIN -> List.of(VIEWER_NAME, OPERATOR_NAME, ADMIN_NAME);
            };
        }
    }
}
