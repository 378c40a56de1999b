package io.lifeboat.destinations.control;

import io.lifeboat.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Microsoft rotates refresh tokens: a OneDrive destination stores the newest one as a secret under
 * {@code <refreshTokenAlias>.rotated}, encrypted in the catalog, tagged with a fingerprint of the token given
 * with the consent. The next start uses the rotated token while the consented one is unchanged; a new consent
 * (a new value under the alias) wins over every token rotated from an older one.
 */
public final class RotatedRefreshToken {

    private RotatedRefreshToken() {
    }

    /** The secret alias that holds the rotated token of {@code refreshTokenAlias}. */
    public static String alias(String refreshTokenAlias) {
        return refreshTokenAlias + ".rotated";
    }

    /** The token to use: the rotated one when it descends from {@code consented}, otherwise {@code consented}. */
    public static String current(String consented, Optional<String> stored) {
        String tag = fingerprint(consented) + " ";
        return stored.filter(value -> value.startsWith(tag)).map(value -> value.substring(tag.length()))
                .filter(token -> !token.isBlank()).orElse(consented);
    }

    /** What to store under {@link #alias} after a rotation to {@code rotated}. */
    public static String stored(String consented, String rotated) {
        return fingerprint(consented) + " " + rotated;
    }

    private static String fingerprint(String token) {
        var digest = Sha256.digest();
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
