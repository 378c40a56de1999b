package io.lifeboat.destinations.control;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneDriveLocationTest {

    @Test
    void readsEverySetting() {
        var location = OneDriveLocation.parse("onedrive:/Backups/lifeboat%20prod?tenant=contoso.onmicrosoft.com"
                + "&clientIdAlias=od-client&clientSecretAlias=od-secret&refreshTokenAlias=od-refresh&chunkKiB=3200"
                + "&attempts=7&timeoutSeconds=20&graph=https%3A%2F%2Fgraph.microsoft.us&login=https://login.microsoftonline.us/");

        assertEquals("Backups/lifeboat prod", location.folder());
        assertEquals("contoso.onmicrosoft.com", location.tenant());
        assertEquals("od-client", location.clientIdAlias());
        assertEquals("od-secret", location.clientSecretAlias());
        assertEquals("od-refresh", location.refreshTokenAlias());
        assertEquals(3200L * 1024, location.chunkBytes());
        assertEquals(7, location.attempts());
        assertEquals(Duration.ofSeconds(20), location.timeout());
        assertEquals(URI.create("https://graph.microsoft.us"), location.graph());
        assertEquals(URI.create("https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"),
                location.tokenEndpoint());
    }

    @Test
    void leavesOutWhatItCanWithSafeDefaults() {
        var location = OneDriveLocation.parse("onedrive:/Backups/?tenant=consumers&clientIdAlias=c"
                + "&clientSecretAlias=s&refreshTokenAlias=r");

        assertEquals("Backups", location.folder());
        assertEquals(10240, location.chunkKiB());
        assertEquals(0, location.chunkBytes() % (320 * 1024), "a multiple of Graph's 320 KiB");
        assertEquals(5, location.attempts());
        assertEquals(Duration.ofSeconds(60), location.timeout());
        assertEquals(URI.create("https://graph.microsoft.com"), location.graph());
        assertEquals(URI.create("https://login.microsoftonline.com/consumers/oauth2/v2.0/token"), location.tokenEndpoint());
    }

    @Test
    void rejectsMistakesWithTheFormatInTheMessage() {
        String aliases = "&clientIdAlias=c&clientSecretAlias=s&refreshTokenAlias=r";
        for (String bad : List.of("s3://Backups?tenant=t" + aliases,
                "onedrive://Backups?tenant=t" + aliases,
                "onedrive:/?tenant=t" + aliases,
                "onedrive:/Backups/../etc?tenant=t" + aliases,
                "onedrive:/Backups/a:b?tenant=t" + aliases,
                "onedrive:/Backups" + "?" + aliases.substring(1),
                "onedrive:/Backups?tenant=t&clientIdAlias=c&clientSecretAlias=s",
                "onedrive:/Backups?tenant=t" + aliases + "&chunkKiB=1000",
                "onedrive:/Backups?tenant=t" + aliases + "&chunkKiB=61440",
                "onedrive:/Backups?tenant=t" + aliases + "&chunkKiB=lots",
                "onedrive:/Backups?tenant=t" + aliases + "&attempts=0",
                "onedrive:/Backups?tenant=t" + aliases + "&graph=ftp%3A%2F%2Fgraph",
                "onedrive:/Backups?tenant=t" + aliases + "&refreshToken=oops")) {
            var e = assertThrows(IllegalArgumentException.class, () -> OneDriveLocation.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Invalid OneDrive location: "), e.getMessage());
            assertTrue(e.getMessage().contains("onedrive:/Backups/lifeboat?tenant=T&clientIdAlias=C"), e.getMessage());
        }
        var chunk = assertThrows(IllegalArgumentException.class, () -> OneDriveLocation.parse(
                "onedrive:/Backups?tenant=t" + aliases + "&chunkKiB=1000"));
        assertTrue(chunk.getMessage().contains("chunkKiB must be a multiple of 320 below 61440"), chunk.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> OneDriveLocation.parse(
                "onedrive:/Backups?tenant=t" + aliases + "&refreshToken=oops"));
        assertTrue(unknown.getMessage().contains("unknown parameter 'refreshToken'"), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("oops"), "a value given by mistake is never echoed");
    }

    @Test
    void credentialsAreNeverPrinted() {
        String shown = new OneDriveCredentials("client-id", "the-client-secret", "the-refresh-token").toString();
        assertTrue(shown.contains("client-id"));
        assertFalse(shown.contains("the-client-secret") || shown.contains("the-refresh-token"), shown);
    }
}
