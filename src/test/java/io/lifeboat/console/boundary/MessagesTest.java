package io.lifeboat.console.boundary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Every language has every text of the English bundle, and the texts with arguments format. */
class MessagesTest {

    private static final Set<String> WITH_ARGUMENTS = Set.of("freshness.ago", "backup.startedNow", "target.saved",
            "target.connected", "restore.confirm.text", "restore.running", "tokens.revokedNow", "users.created",
            "users.changed");

    private static Properties bundle(String suffix) throws IOException {
        var properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/io/lifeboat/console/Messages" + suffix + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "fr", "pt"})
    void everyLanguageHasEveryKey(String language) throws IOException {
        Properties english = bundle("");
        Properties other = bundle("_" + language);
        assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(other.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            assertFalse(other.getProperty(key).isBlank(), key);
        }
        assertNotEquals(english.getProperty("action.backUpNow"), other.getProperty("action.backUpNow"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ru", "fr", "pt"})
    void textsWithArgumentsKeepTheirArgumentsAndApostrophes(String language) throws IOException {
        Properties texts = bundle(language.isEmpty() ? "" : "_" + language);
        for (String key : WITH_ARGUMENTS) {
            String formatted = new MessageFormat(texts.getProperty(key), Locale.forLanguageTag(language))
                    .format(new Object[]{"ARG0", "ARG1", "ARG2"});
            assertFalse(formatted.contains("{"), key + ": " + formatted);
            assertEquals(texts.getProperty(key).contains("{0}"), formatted.contains("ARG0"), key + ": " + formatted);
            assertFalse(formatted.contains("''"), key + ": " + formatted);
            for (int i = 0; i < 3; i++) {
                assertEquals(texts.getProperty(key).contains("{" + i + "}"), formatted.contains("ARG" + i), key);
            }
        }
    }
}
