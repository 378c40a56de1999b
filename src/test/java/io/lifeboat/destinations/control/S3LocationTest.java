package io.lifeboat.destinations.control;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3LocationTest {

    @Test
    void readsEverySetting() {
        var location = S3Location.parse("s3://offsite-backups/lifeboat/prod?endpoint=http%3A%2F%2Fminio%3A9000"
                + "&region=eu-central-1&pathStyle=true&accessKeyAlias=minio-access&secretKeyAlias=minio-secret"
                + "&partSizeMiB=64&retentionDays=30&retentionMode=compliance&attempts=6&timeoutSeconds=10");

        assertEquals(Optional.of(URI.create("http://minio:9000")), location.endpoint());
        assertEquals("eu-central-1", location.region());
        assertEquals("offsite-backups", location.bucket());
        assertEquals("lifeboat/prod", location.prefix());
        assertTrue(location.pathStyle());
        assertEquals("minio-access", location.accessKeyAlias());
        assertEquals("minio-secret", location.secretKeyAlias());
        assertEquals(64L * 1024 * 1024, location.partSizeBytes());
        assertEquals(Optional.of(new S3Location.Retention(30, S3Location.Retention.Mode.COMPLIANCE)), location.retention());
        assertEquals(6, location.attempts());
        assertEquals(Duration.ofSeconds(10), location.timeout());
        assertEquals("http://minio:9000", location.server());
    }

    @Test
    void leavesOutWhatItCanWithSafeDefaults() {
        var location = S3Location.parse("s3://bucket-1/?accessKeyAlias=a&secretKeyAlias=s");

        assertEquals(Optional.empty(), location.endpoint());
        assertEquals("us-east-1", location.region());
        assertEquals("", location.prefix());
        assertFalse(location.pathStyle());
        assertEquals(16, location.partSizeMiB());
        assertEquals(Optional.empty(), location.retention());
        assertEquals(4, location.attempts());
        assertEquals("AWS S3 (us-east-1)", location.server());
        assertEquals(Optional.of(S3Location.Retention.Mode.GOVERNANCE),
                S3Location.parse("s3://bucket-1?accessKeyAlias=a&secretKeyAlias=s&retentionDays=7")
                        .retention().map(S3Location.Retention::mode));
    }

    @Test
    void rejectsMistakesWithTheFormatInTheMessage() {
        for (String bad : List.of("https://bucket/x?accessKeyAlias=a&secretKeyAlias=s",
                "s3://bucket/x?secretKeyAlias=s",
                "s3://Bad_Bucket/x?accessKeyAlias=a&secretKeyAlias=s",
                "s3://bucket/x?accessKeyAlias=a&secretKeyAlias=s&partSizeMiB=1",
                "s3://bucket/x?accessKeyAlias=a&secretKeyAlias=s&partSizeMiB=lots",
                "s3://bucket/x?accessKeyAlias=a&secretKeyAlias=s&retentionDays=3&retentionMode=forever",
                "s3://bucket/x?accessKeyAlias=a&secretKeyAlias=s&secretKey=oops")) {
            var e = assertThrows(IllegalArgumentException.class, () -> S3Location.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Invalid S3 location: "), e.getMessage());
            assertTrue(e.getMessage().contains("s3://BUCKET/PREFIX?endpoint="), e.getMessage());
        }
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> S3Location.parse("s3://bucket/x?accessKeyAlias=a&secretKeyAlias=s&secretKey=oops"));
        assertTrue(unknown.getMessage().contains("unknown parameter 'secretKey'"), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("oops"), "a value given by mistake is never echoed");
    }
}
