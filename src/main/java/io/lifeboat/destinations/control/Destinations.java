package io.lifeboat.destinations.control;

import io.lifeboat.api.Problem;
import io.lifeboat.catalog.control.DataFolder;
import io.lifeboat.destinations.entity.DestinationConfig;
import io.lifeboat.secrets.control.Secrets;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens the configured destinations by name. */
@ApplicationScoped
@Transactional
public class Destinations {

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    @Inject
    Secrets secrets;

    /** One client per bucket, location and key pair: a changed location or key gets a new one. */
    private final Map<BucketKey, S3Bucket> buckets = new ConcurrentHashMap<>();

    /** One OneDrive per location and consent, keeping its access token between backups. */
    private final Map<DriveKey, OneDrive> drives = new ConcurrentHashMap<>();

    public Destination open(String name) {
        DestinationConfig config = em.find(DestinationConfig.class, name);
        if (config == null) {
            throw Problem.notFound("Destination", name);
        }
        return switch (config.kind()) {
            case LOCAL -> new LocalFolder(Path.of(config.location()));
            case S3 -> bucket(name, S3Location.parse(config.location()));
            case ONEDRIVE -> oneDrive(name, OneDriveLocation.parse(config.location()));
        };
    }

    /**
     * Opens an object for reading and checks, at the end of the stream, that its SHA-256 is {@code expectedSha256}
     * (lowercase hex, as in manifests): the last read throws {@link ChecksumMismatchException} when it is not.
     * Only a stream read to its end is verified.
     */
    public static InputStream verified(Destination destination, String key, String expectedSha256) throws IOException {
        return new VerifyingInputStream(destination.open(key), destination.describe(), key, expectedSha256);
    }

    private S3Bucket bucket(String name, S3Location location) {
        var credentials = new S3Credentials(secret(name, location.accessKeyAlias()),
                secret(name, location.secretKeyAlias()));
        return buckets.computeIfAbsent(new BucketKey(location, credentials), key -> new S3Bucket(location, credentials));
    }

    /** A rotated refresh token is stored (encrypted) for the next start; see {@link RotatedRefreshToken}. */
    private OneDrive oneDrive(String name, OneDriveLocation location) {
        String tokenAlias = location.refreshTokenAlias();
        String consented = secret(name, tokenAlias);
        var given = new OneDriveCredentials(secret(name, location.clientIdAlias()),
                secret(name, location.clientSecretAlias()), consented);
        return drives.computeIfAbsent(new DriveKey(location, given), key -> {
            String current = RotatedRefreshToken.current(consented, secrets.resolve(RotatedRefreshToken.alias(tokenAlias)));
            return OneDrive.open(location, new OneDriveCredentials(given.clientId(), given.clientSecret(), current),
                    rotated -> secrets.put(RotatedRefreshToken.alias(tokenAlias),
                            RotatedRefreshToken.stored(consented, rotated)),
                    DataFolder.resolve("spool"));
        });
    }

    private String secret(String destination, String alias) {
        return secrets.resolve(alias).orElseThrow(() -> Problem.badRequest(
                "No value is stored for the secret alias '" + alias + "' of destination '" + destination
                        + "': set lifeboat.secrets." + alias + " (or LIFEBOAT_SECRETS_" + alias.toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "_") + ") or store it in the catalog's secrets"));
    }

    @PreDestroy
    void closeClients() {
        buckets.values().forEach(S3Bucket::close);
    }

    private record BucketKey(S3Location location, S3Credentials credentials) {
    }

    private record DriveKey(OneDriveLocation location, OneDriveCredentials credentials) {
    }
}
