package com.gridcommand.base.web;

import com.gridcommand.base.i18n.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Error answers outside Vaadin's views: a plain page in the user's language (Chinese unless they chose
 * English; texts from the message catalogue) for browsers, and a small JSON object for API clients.
 */
final class ErrorResponses {

    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ErrorResponses() {
    }

    /** Trackers, GIS clients and probes get JSON; people's browsers (asking for HTML) get a page. */
    static boolean wantsPage(HttpServletRequest request, String path) {
        if (path.startsWith("/api/") || path.startsWith("/ogc/") || path.startsWith("/actuator/")) return false;
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String path) throws IOException {
        response.setStatus(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (wantsPage(request, path)) {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(page(request, status, path));
        } else {
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write(json(status));
        }
    }

    static String json(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String code = known == null ? "ERROR" : known.name();
        String retry = status == HttpStatus.SERVICE_UNAVAILABLE.value() ? ",\"retryAfterSeconds\":" + DatabaseOutage.RETRY_AFTER_SECONDS : "";
        return "{\"status\":" + status + ",\"error\":\"" + code + "\"" + retry + "}";
    }

    /** @param path the address asked for, without the context path */
    static String page(HttpServletRequest request, int status, String path) {
        Locale locale = Languages.fromCookies(request.getCookies());
        ResourceBundle texts = ResourceBundle.getBundle("vaadin-i18n/translations", locale, NO_FALLBACK);
        String key = switch (status) {
            case 400 -> "page.badRequest";
            case 401 -> "page.signIn";
            case 403 -> "page.forbidden";
            case 404 -> "page.notFound";
            case 405 -> "page.methodNotAllowed";
            case 413 -> "page.tooLarge";
            case 503 -> "page.unavailable";
            default -> "page.failed";
        };
        String title = HtmlUtils.htmlEscape(texts.getString(key + ".title"));
        String text = HtmlUtils.htmlEscape(texts.getString(key + ".text"));
        String app = HtmlUtils.htmlEscape(texts.getString("app.title"));
        String home = HtmlUtils.htmlEscape(texts.getString("page.home"));
        // While the database is away the page tries again by itself, so the user is back as soon as it is.
        // A refresh is a GET of the address, never a repeated form post.
        String retry = status == 503 ? "<meta http-equiv=\"refresh\" content=\"" + DatabaseOutage.RETRY_AFTER_SECONDS + ";url="
                + HtmlUtils.htmlEscape(request.getContextPath() + path) + "\">" : "";
        return """
                <!DOCTYPE html>
                <html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">%s
                <title>%s · %s</title>
                <style>body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;background:#f3f5f7;color:#1f2d3d}
                main{max-width:36rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
                h1{font-size:1.4rem;margin:0 0 1rem} .app{color:#667;font-size:.9rem;margin:0 0 1.5rem} a{color:#1565c0}</style></head>
                <body><main><p class="app">%s</p><h1 id="error-title">%s</h1><p id="error-text">%s</p><p><a id="error-home" href="%s/">%s</a></p></main></body></html>
                """.formatted(locale.equals(Languages.ENGLISH) ? "en" : "zh-CN", retry, title, app, app, title, text,
                HtmlUtils.htmlEscape(request.getContextPath()), home);
    }
}
