package io.lifeboat.it.console;

import io.lifeboat.encryption.control.AgeEncryption;
import io.lifeboat.it.LifeboatServer;
import io.lifeboat.testing.DamagedKeys;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser on a real Lifeboat of its own (fresh, so the first-run setup shows):
 * setup, login, logout, a wrong password, "Back up now" followed to its end, a restore through the
 * wizard, a viewer who cannot restore, and Russian. Each step leaves a screenshot in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final String ADMIN = "ada";
    static final String OPERATOR = "otto";
    static final String VIEWER = "vera";
    static final String PASSWORD = "correct horse battery staple";

    private LifeboatServer lifeboat;
    private boolean roleUsers;

    @BeforeAll
    void start() {
        lifeboat = LifeboatServer.start(Map.of("lifeboat.runs.heartbeat-timeout", "PT30S"));
    }

    @AfterAll
    void stop() {
        if (lifeboat != null) {
            lifeboat.stop();
        }
    }

    LifeboatServer lifeboat() {
        return lifeboat;
    }

    /** Operator and viewer users, made by the admin through the API once the setup is done. */
    void ensureRoleUsers() {
        if (roleUsers) {
            return;
        }
        for (var user : List.of(List.of(OPERATOR, "operator"), List.of(VIEWER, "viewer"))) {
            var created = lifeboat.post("/api/users", """
                    {"name": "%s", "password": "%s", "role": "%s"}""".formatted(user.get(0), PASSWORD, user.get(1)));
            assertEquals(201, created.status(), created.body());
        }
        roleUsers = true;
    }

    @Test
    @Order(1)
    void theFirstVisitSetsUpTheAdmin() {
        try (var browser = Browser.open(lifeboat, "setup")) {
            browser.get("/");
            var login = new LoginPage(browser);
            assertTrue(login.isSetup(), "a fresh Lifeboat sends the first visitor to the setup page, not " + browser.path());
            browser.screenshot("01-setup");
            var dashboard = login.setUp(ADMIN, PASSWORD);
            assertEquals(ADMIN, dashboard.signedInAs());
            assertEquals("STALE", dashboard.freshness("demo"), "the demo target has no backup yet");
            browser.screenshot("02-dashboard-first");
            browser.get("/setup");
            assertTrue(new LoginPage(browser).isShown() || browser.path().equals("/") || browser.path().startsWith("/index"),
                    "the setup page is gone once an admin exists: " + browser.path());
        }
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedWithAMessage() {
        try (var browser = Browser.open(lifeboat, "wrong")) {
            var login = new LoginPage(browser).open();
            login.submit(ADMIN, "not the password at all");
            assertTrue(login.isShown(), "still on the login page: " + browser.path());
            assertTrue(login.alert().contains("Wrong name or password"), login.alert());
            browser.screenshot("03-wrong-password");
            browser.get("/index.xhtml");
            assertTrue(new LoginPage(browser).isShown(), "the dashboard needs a login: " + browser.path());
        }
    }

    @Test
    @Order(3)
    void logInAndLogOut() {
        try (var browser = Browser.open(lifeboat, "logout")) {
            var dashboard = new LoginPage(browser).logIn(ADMIN, PASSWORD);
            assertEquals(ADMIN, dashboard.signedInAs());
            browser.screenshot("04-logged-in");
            dashboard.logOut();
            var login = new LoginPage(browser);
            assertTrue(login.isShown(), browser.path());
            assertTrue(login.alert().contains("logged out"), login.alert());
            browser.screenshot("05-logged-out");
            browser.get("/target.xhtml?name=demo");
            assertTrue(login.isShown(), "after logout the console needs a login again: " + browser.path());
        }
    }

    @Test
    @Order(4)
    void backUpNowAndWatchItFinish() throws Exception {
        try (var browser = Browser.open(lifeboat, "backup")) {
            var dashboard = new LoginPage(browser).logIn(ADMIN, PASSWORD);
            assertTrue(dashboard.canBackUp("demo"));
            var target = dashboard.backUpNow("demo");
            browser.screenshot("06-backup-started");
            target.awaitRunStatus("SUCCEEDED", Duration.ofMinutes(3));
            browser.screenshot("07-backup-finished");
            assertTrue(target.runPanelText().contains("Succeeded"), target.runPanelText());
            assertEquals(1, target.backupIds().size(), "the finished backup is listed without a reload");
            String manifest = target.firstManifest();
            assertTrue(manifest.contains("demo") && manifest.contains("SHA-256") && manifest.contains(ADMIN), manifest);
            browser.screenshot("08-manifest");

            dashboard.open();
            assertEquals("FRESH", dashboard.freshness("demo"));
            Path shot = browser.screenshot("09-dashboard");
            Files.createDirectories(Path.of("docs"));
            Files.copy(shot, Path.of("docs", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(5)
    void restoreThroughTheWizardAndReadTheReport() throws Exception {
        try (var browser = Browser.open(lifeboat, "restore")) {
            new LoginPage(browser).logIn(ADMIN, PASSWORD);
            browser.get("/target.xhtml?name=demo");
            var target = new TargetPage(browser).awaitLoaded();
            String backupId = target.backupIds().get(0);
            var wizard = target.restore(backupId);
            assertFalse(wizard.asksForKey(), "a backup that is not encrypted needs no key");

            wizard.nameDatabase("Not A Name");
            browser.await(Duration.ofSeconds(30), d -> wizard.databaseProblem().isEmpty() ? null : true);
            assertTrue(wizard.databaseProblem().contains("lower-case"), wizard.databaseProblem());
            browser.screenshot("10-restore-invalid-name");

            wizard.nameDatabase("demo_from_console");
            String confirmation = wizard.awaitConfirmation();
            assertTrue(confirmation.contains(backupId) && confirmation.contains("demo_from_console"), confirmation);
            browser.screenshot("11-restore-confirm");
            boolean succeeded = wizard.confirm().awaitReport(Duration.ofMinutes(3));
            assertTrue(succeeded, wizard.reportText());
            browser.screenshot("12-restore-report");
            browser.await(Duration.ofSeconds(30), d -> wizard.reportText().contains("shop.orders") ? true : null);
            assertTrue(wizard.reportText().contains("5000"), "the report lists the rows restored: " + wizard.reportText());

            try (var catalog = lifeboat.catalog(); var rs = catalog.createStatement()
                    .executeQuery("select count(*) from pg_database where datname = 'demo_from_console'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the new database exists on the target's server");
            }
        }
    }

    @Test
    @Order(6)
    void aViewerSeesNoRestoreAndADirectRequestIsRefused() {
        ensureRoleUsers();
        try (var browser = Browser.open(lifeboat, "viewer")) {
            var dashboard = new LoginPage(browser).logIn(VIEWER, PASSWORD);
            assertFalse(dashboard.canBackUp("demo"), "a viewer gets no Back up now button");
            var target = dashboard.openTarget("demo");
            assertFalse(target.canRestore(), "a viewer gets no restore button");
            assertFalse(target.canDownload(), "a viewer gets no download link");
            String backupId = target.backupIds().get(0);
            browser.screenshot("13-viewer-target");

            browser.get("/admin/restore.xhtml?backup=" + backupId);
            assertTrue(browser.pageText().contains("Not allowed"), browser.pageText());
            assertFalse(browser.present(By.id("wizard:steps")));
            browser.screenshot("14-viewer-refused");
        }
    }

    @Test
    @Order(7)
    void switchingToRussianTranslatesTheConsoleAndIsRemembered() {
        try (var browser = Browser.open(lifeboat, "russian")) {
            var dashboard = new LoginPage(browser).logIn(ADMIN, PASSWORD);
            assertTrue(browser.pageText().contains("Back up now"));
            dashboard.switchLanguage("ru");
            assertTrue(browser.pageText().contains("Обзор"), browser.pageText());
            assertTrue(dashboard.rowText("demo").contains("Создать копию сейчас"), dashboard.rowText("demo"));
            browser.screenshot("15-russian");
        }
        try (var browser = Browser.open(lifeboat, "russian-again")) {
            new LoginPage(browser).logIn(ADMIN, PASSWORD);
            assertTrue(browser.pageText().contains("Обзор"), "the choice is kept with the user: " + browser.pageText());
            new DashboardPage(browser).switchLanguage("en");
            assertTrue(browser.pageText().contains("Dashboard"));
        }
    }

    @Test
    @Order(8)
    void theBrowsersLanguageIsTheDefault() {
        ensureRoleUsers();
        try (var browser = Browser.open(lifeboat, "french", "fr-FR,fr")) {
            new LoginPage(browser).logIn(OPERATOR, PASSWORD);
            assertTrue(browser.pageText().contains("Tableau de bord"), browser.pageText());
            assertTrue(browser.pageText().contains("Sauvegarder maintenant"), "an operator may back up");
            browser.screenshot("16-french-operator");
        }
    }

    @Test
    @Order(10)
    void anApiTokenIsShownOnceAndWorks() {
        ensureAdmin();
        try (var browser = Browser.open(lifeboat, "tokens")) {
            new LoginPage(browser).logIn(ADMIN, PASSWORD);
            browser.get("/admin/tokens.xhtml");
            browser.awaitVisible(By.id("tokens:name")).sendKeys("deploy-hook");
            browser.find(By.id("tokens:create")).click();
            String token = browser.awaitVisible(By.id("tokenValue")).getText().strip();
            browser.screenshot("17-token-created");
            assertEquals(200, lifeboat.send("GET", "/api/targets", null, token).status(), "the new token works");
            browser.find(By.id("tokens:copied")).click();
            browser.await(Duration.ofSeconds(60), d -> d.findElements(By.id("tokenValue")).isEmpty() ? true : null);

            browser.get("/admin/tokens.xhtml");
            browser.awaitVisible(By.id("tokens:list"));
            assertFalse(browser.present(By.id("tokenValue")), "the value is shown only once");
            assertFalse(browser.pageText().contains(token));

            By revoke = By.xpath("//tr[td[normalize-space()='deploy-hook']]//button[contains(@id,':revoke')]");
            browser.find(revoke).click();
            browser.acceptAlert();
            browser.await(Duration.ofSeconds(60), d -> d.findElements(revoke).isEmpty()
                    || !d.findElements(By.cssSelector(".ui-message-error, .ui-messages-error")).isEmpty() ? true : null);
            assertFalse(browser.present(revoke), "the revoked token leaves the list, not: " + browser.pageText());
            browser.screenshot("18-token-revoked");
            assertEquals(401, lifeboat.send("GET", "/api/targets", null, token).status(), "a revoked token is refused at once");

            String id = lifeboat.get("/api/tokens?revoked=true").array().getValuesAs(JsonObject.class).stream()
                    .filter(t -> t.getString("name").equals("deploy-hook")).findFirst().orElseThrow().getString("id");
            var audit = lifeboat.get("/api/audit?actor=" + ADMIN + "&action=token.");
            assertEquals(200, audit.status(), audit.body());
            var actions = audit.array().getValuesAs(JsonObject.class).stream()
                    .filter(e -> id.equals(e.getString("object", null)) && e.getString("result").equals("SUCCESS"))
                    .map(e -> e.getString("action")).toList();
            assertEquals(List.of("token.revoke", "token.create"), actions, audit.body());
            assertFalse(audit.body().contains(token), "the audit log never shows a token's value");
        }
    }

    /** The admin the setup page creates, made through the API when this test runs on its own. */
    private void ensureAdmin() {
        if (lifeboat.get("/api/users/" + ADMIN).status() == 404) {
            var created = lifeboat.post("/api/users", """
                    {"name": "%s", "password": "%s", "role": "admin"}""".formatted(ADMIN, PASSWORD));
            assertEquals(201, created.status(), created.body());
        }
    }

    @Test
    @Order(11)
    void theScheduleShowsItsNextFiveRunsAndExplainsABadExpression() {
        try (var browser = Browser.open(lifeboat, "schedule")) {
            new LoginPage(browser).logIn(ADMIN, PASSWORD);
            browser.get("/admin/target-edit.xhtml?name=demo");
            browser.await(Duration.ofSeconds(30), d -> d.findElements(By.cssSelector("#nextRuns li")).size() == 5 ? true : null);
            var cron = browser.find(By.id("editor:cron"));
            cron.clear();
            cron.sendKeys("61 * * * *");
            browser.await(Duration.ofSeconds(30), d -> d.findElements(By.id("editor:scheduleProblem")).isEmpty() ? null : true);
            assertTrue(browser.text(By.id("editor:scheduleProblem")).contains("61"), browser.text(By.id("editor:scheduleProblem")));
            assertFalse(browser.present(By.cssSelector("#nextRuns li")));
            browser.screenshot("19-schedule-problem");
        }
    }

    @Test
    @Order(12)
    void aLocalDestinationIsAddedTestedAndDeleted(@TempDir Path temp) throws Exception {
        ensureAdmin();
        Path folder = Files.createDirectories(temp.resolve("offsite"));
        try (var browser = Browser.open(lifeboat, "destinations")) {
            new LoginPage(browser).logIn(ADMIN, PASSWORD);
            var page = new DestinationsPage(browser).open();

            page.addLocal("offsite", "relative/backups");
            assertTrue(page.locationProblem().contains("absolute folder path"), "beside the field: " + page.locationProblem());
            assertFalse(page.names().contains("offsite"), "a relative folder is refused: " + page.names());
            browser.screenshot("20-destination-relative");

            page.addLocal("offsite", folder.toString());
            assertEquals("", page.locationProblem());
            assertTrue(page.names().contains("offsite"), "listed once added: " + page.names());
            assertEquals(folder.toString(), lifeboat.get("/api/destinations/offsite").json().getString("location"));

            String tested = page.test("offsite");
            assertTrue(tested.contains("Wrote, read back, listed and deleted a probe object"), tested);
            browser.screenshot("21-destination-tested");
            try (var left = Files.walk(folder)) {
                assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "the probe leaves no object behind");
            }

            String deleted = page.delete("offsite");
            assertTrue(deleted.contains("offsite"), deleted);
            assertFalse(page.names().contains("offsite"), "gone from the list: " + page.names());
            assertEquals(404, lifeboat.get("/api/destinations/offsite").status());
            browser.screenshot("22-destination-deleted");
        }
        var audit = lifeboat.get("/api/audit?actor=" + ADMIN + "&action=destination.");
        assertEquals(200, audit.status(), audit.body());
        var actions = audit.array().getValuesAs(JsonObject.class).stream()
                .filter(e -> "offsite".equals(e.getString("object", null)))
                .map(e -> e.getString("action") + " " + e.getString("result")).toList();
        assertEquals(List.of("destination.delete SUCCESS", "destination.test SUCCESS", "destination.create SUCCESS",
                "destination.create FAILED"), actions, audit.body());
    }

    @Test
    @Order(13)
    void anEncryptedBackupRestoresWithTheKeyTypedInTheWizard() throws Exception {
        ensureAdmin();
        String passphrase = "lantern harbour " + Long.toHexString(System.nanoTime());
        var sealed = lifeboat.put("/api/targets/demo/encryption", """
                {"passphrase": "%s"}""".formatted(passphrase));
        assertEquals(200, sealed.status(), sealed.body());
        try {
            var created = lifeboat.post("/api/targets/demo/backups?wait=true", null);
            assertEquals(201, created.status(), created.body());
            String backupId = created.json().getString("id");

            try (var browser = Browser.open(lifeboat, "restore-key")) {
                new LoginPage(browser).logIn(ADMIN, PASSWORD);
                browser.get("/target.xhtml?name=demo");
                var wizard = new TargetPage(browser).awaitLoaded().restore(backupId);
                assertTrue(wizard.asksForKey(), "an encrypted backup asks for its key");

                String malformed = DamagedKeys.withOtherLastCharacter(new AgeEncryption().generateIdentity().privateKey());
                wizard.nameDatabase("demo_sealed", malformed);
                browser.await(Duration.ofSeconds(30), d -> wizard.keyProblem().isEmpty() ? null : true);
                assertTrue(wizard.keyProblem().contains("not an age private key"), wizard.keyProblem());
                assertFalse(browser.pageSource().contains(malformed), "the key is never shown back");
                browser.screenshot("23-restore-key-malformed");

                wizard.nameDatabase("demo_sealed", passphrase);
                String confirmation = wizard.awaitConfirmation();
                assertTrue(confirmation.contains("demo_sealed"), confirmation);
                assertFalse(browser.pageSource().contains(passphrase), "the passphrase is never sent back");
                assertTrue(wizard.confirm().awaitReport(Duration.ofMinutes(3)), wizard.reportText());
                browser.screenshot("24-restore-key-report");
                browser.await(Duration.ofSeconds(30), d -> wizard.reportText().contains("shop.orders") ? true : null);
                assertTrue(wizard.reportText().contains("5000"), wizard.reportText());
            }
            try (var catalog = lifeboat.catalog(); var rs = catalog.createStatement()
                    .executeQuery("select count(*) from pg_database where datname = 'demo_sealed'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the encrypted backup was restored with the typed passphrase");
            }
            assertFalse(lifeboat.logText().contains(passphrase), "the server log never holds the passphrase");
        } finally {
            assertEquals(204, lifeboat.delete("/api/targets/demo/encryption").status(), "the demo is left as it was");
        }
    }

    /**
     * The role × page/action matrix through the console: each row is a role, a page (or a control on a
     * page) and whether the role gets it. Pages a role may not open answer 403 with the "Not allowed" page.
     */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @Order(9)
    @CsvSource({
            "viewer,   page,    /index.xhtml,                         allowed",
            "viewer,   page,    /target.xhtml?name=demo,              allowed",
            "viewer,   control, /index.xhtml#dashboard:targets:0:backUp, refused",
            "viewer,   control, /target.xhtml?name=demo#target:restore,  refused",
            "viewer,   page,    /admin/restore.xhtml?target=demo,     refused",
            "viewer,   page,    /admin/target-edit.xhtml?name=demo,   refused",
            "viewer,   page,    /admin/target-edit.xhtml,             refused",
            "viewer,   page,    /admin/destinations.xhtml,            refused",
            "viewer,   page,    /admin/download?backup=BACKUP,        refused",
            "operator, page,    /index.xhtml,                         allowed",
            "operator, control, /index.xhtml#dashboard:targets:0:backUp, allowed",
            "operator, control, /target.xhtml?name=demo#target:backUp,   allowed",
            "operator, control, /target.xhtml?name=demo#target:restore,  refused",
            "operator, page,    /admin/restore.xhtml?target=demo,     refused",
            "operator, page,    /admin/target-edit.xhtml?name=demo,   refused",
            "operator, page,    /admin/destinations.xhtml,            refused",
            "operator, page,    /admin/download?backup=BACKUP,        refused",
            "admin,    control, /index.xhtml#dashboard:targets:0:backUp, allowed",
            "admin,    control, /target.xhtml?name=demo#target:restore,  allowed",
            "admin,    page,    /admin/restore.xhtml?target=demo,     allowed",
            "admin,    page,    /admin/target-edit.xhtml?name=demo,   allowed",
            "admin,    page,    /admin/target-edit.xhtml,             allowed",
            "admin,    page,    /admin/destinations.xhtml,            allowed",
            "admin,    page,    /admin/download?backup=BACKUP,        allowed",
    })
    void roleMatrix(String role, String kind, String address, String expected) {
        ensureRoleUsers();
        String user = switch (role) {
            case "viewer" -> VIEWER;
            case "operator" -> OPERATOR;
            default -> ADMIN;
        };
        var session = ConsoleSession.logIn(lifeboat, user, PASSWORD);
        String path = address.contains("#") ? address.substring(0, address.indexOf('#')) : address;
        if (path.contains("BACKUP")) {
            path = path.replace("BACKUP", lifeboat.get("/api/targets/demo/backups").array().getJsonObject(0).getString("id"));
        }
        var page = session.get(path);
        boolean allowed = expected.equals("allowed");
        if (kind.equals("page")) {
            assertEquals(allowed ? 200 : 403, page.statusCode(), role + " " + path + ": " + page.body().lines().limit(5).toList());
            if (!allowed) {
                assertTrue(page.body().contains("Not allowed"), "the refusal is the 403 page that says what to do");
            }
        } else {
            assertEquals(200, page.statusCode(), path);
            String control = address.substring(address.indexOf('#') + 1);
            assertEquals(allowed, page.body().contains("id=\"" + control + "\""), role + " sees " + control + ": " + allowed);
        }
    }
}
