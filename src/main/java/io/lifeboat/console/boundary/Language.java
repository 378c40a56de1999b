package io.lifeboat.console.boundary;

import io.lifeboat.security.control.Users;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's language: the one chosen in this browser (a cookie kept for a year), else the one
 * saved with the user in the catalog (a choice saves it there too), else the browser's best
 * supported one, else English.
 */
@Named("language")
@SessionScoped
public class Language implements Serializable {

    static final String COOKIE = "lifeboat-language";
    private static final List<String> SUPPORTED = List.of("en", "ru", "fr", "pt");

    @Inject
    transient Users users;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            locale = fromCookie().or(this::fromUser).orElseGet(Language::fromBrowser);
        }
        return locale;
    }

    public List<String> getSupported() {
        return SUPPORTED;
    }

    /** The language's own name: "Русский", "Français". */
    public String nameOf(String tag) {
        Locale l = Locale.forLanguageTag(tag);
        String name = l.getDisplayLanguage(l);
        return name.substring(0, 1).toUpperCase(l) + name.substring(1);
    }

    public String getCurrent() {
        return getLocale().getLanguage();
    }

    public void setCurrent(String tag) {
        choose(tag);
    }

    public void choose(String tag) {
        if (!SUPPORTED.contains(tag)) {
            return;
        }
        locale = Locale.forLanguageTag(tag);
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getViewRoot().setLocale(locale);
        String name = signedIn();
        if (name != null) {
            users.changeLanguage(name, tag);
        }
        faces.getExternalContext().addResponseCookie(COOKIE, tag, Map.of("maxAge", 365 * 24 * 3600, "path",
                cookiePath(faces.getExternalContext()), "httpOnly", true));
    }

    private static String cookiePath(ExternalContext context) {
        String path = context.getRequestContextPath();
        return path.isEmpty() ? "/" : path;
    }

    private java.util.Optional<Locale> fromUser() {
        String name = signedIn();
        if (name == null) {
            return java.util.Optional.empty();
        }
        // the catalog's default is "en": only another language is surely the user's own choice
        return users.find(name).map(u -> u.language()).filter(l -> SUPPORTED.contains(l) && !l.equals("en"))
                .map(Locale::forLanguageTag);
    }

    private static String signedIn() {
        var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    private static java.util.Optional<Locale> fromCookie() {
        Object cookie = FacesContext.getCurrentInstance().getExternalContext().getRequestCookieMap().get(COOKIE);
        return java.util.Optional.ofNullable(cookie).map(c -> ((Cookie) c).getValue()).filter(SUPPORTED::contains)
                .map(Locale::forLanguageTag);
    }

    private static Locale fromBrowser() {
        var requested = FacesContext.getCurrentInstance().getExternalContext().getRequestLocales();
        while (requested.hasNext()) {
            Locale candidate = requested.next();
            if (SUPPORTED.contains(candidate.getLanguage())) {
                return Locale.forLanguageTag(candidate.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }
}
