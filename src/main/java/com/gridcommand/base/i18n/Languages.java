package com.gridcommand.base.i18n;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.Cookie;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * The UI speaks Simplified Chinese unless the user chose English: the choice lives in the session and
 * in a cookie, not in the browser's language (a dispatcher's English-language browser still gets the
 * Chinese the team works in).
 */
@Component
public class Languages implements VaadinServiceInitListener {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);
    static final String COOKIE = "gc-lang";
    private static final String SESSION_KEY = Languages.class.getName();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> e.getUI().setLocale(current(VaadinRequest.getCurrent(), e.getUI().getSession())));
    }

    static Locale current(VaadinRequest request, VaadinSession session) {
        if (session != null && session.getAttribute(SESSION_KEY) instanceof Locale chosen) return chosen;
        return fromCookies(request == null ? null : request.getCookies());
    }

    /** The language of a page served outside Vaadin (error pages): the user's choice, else Chinese. */
    public static Locale fromCookies(Cookie[] cookies) {
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) return parse(cookie.getValue());
            }
        }
        return CHINESE;
    }

    static Locale parse(String tag) {
        return ENGLISH.toLanguageTag().equals(tag) ? ENGLISH : CHINESE;
    }

    /** Remembers a choice for this session; the caller sets the cookie and reloads. */
    static void choose(VaadinSession session, Locale locale) {
        session.setAttribute(SESSION_KEY, SUPPORTED.contains(locale) ? locale : CHINESE);
    }
}
