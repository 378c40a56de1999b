package io.lifeboat.console.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

import io.lifeboat.console.control.Units;

/** The console's texts in the user's language, and the messages view beans show. */
@Named("texts")
@RequestScoped
public class Texts {

    static final String BUNDLE = "io.lifeboat.console.Messages";

    @Inject
    Language language;

    public String get(String key, Object... arguments) {
        Locale locale = language.getLocale();
        String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    public void info(String key, Object... arguments) {
        add(FacesMessage.SEVERITY_INFO, null, get(key, arguments));
    }

    /** An error whose text comes from Lifeboat's control classes (they say what to do next). */
    public void error(String forComponent, String text) {
        add(FacesMessage.SEVERITY_ERROR, forComponent, text);
    }

    private static void add(FacesMessage.Severity severity, String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, null));
    }

    /** "3 h 5 min ago", or "never backed up". */
    public String age(io.lifeboat.console.control.Freshness.Verdict verdict) {
        return verdict.age().map(a -> get("freshness.ago", Units.duration(a))).orElseGet(() -> get("freshness.never"));
    }

    /** "on time", "one backup missing", "overdue". */
    public String level(io.lifeboat.console.control.Freshness.Verdict verdict) {
        return get("freshness." + verdict.level().name());
    }

    public String bytes(long bytes) {
        return Units.bytes(bytes, language.getLocale());
    }

    public String rate(double bytesPerSecond) {
        return Units.rate(bytesPerSecond, language.getLocale());
    }

    public String duration(Duration duration) {
        return duration == null ? "" : Units.duration(duration);
    }

    public String time(java.time.temporal.TemporalAccessor moment) {
        return moment == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(language.getLocale()).withZone(java.time.ZoneOffset.UTC).format(moment) + " UTC";
    }

    public String zoned(ZonedDateTime moment) {
        return moment == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(language.getLocale()).format(moment) + " " + moment.getZone().getId();
    }
}
