package com.gridcommand.support;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's side of plain HTTP: keeps its cookies (its session), follows no redirects, and signs in as
 * the login page does — its form carries the CSRF token the page was served with. Optionally from a
 * chosen loopback address (127.0.0.2, …), to be a different client.
 */
public final class WebClient {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;

    public WebClient(int port) {
        this(port, null);
    }

    public WebClient(int port, InetAddress from) {
        this.base = "http://127.0.0.1:" + port;
        var builder = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (from != null) builder.localAddress(from);
        this.http = builder.build();
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(60));
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, String form, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the login page, as its form would send it (this also starts the session). */
    public String loginPageToken() throws Exception {
        Matcher token = CSRF.matcher(get("/login").body());
        if (!token.find()) throw new IllegalStateException("the login page carries no CSRF token");
        return token.group(1);
    }

    /** Signs in through the login page's form; answers where the app sends the browser next. */
    public String signIn(String username, String password) throws Exception {
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(loginPageToken());
        HttpResponse<String> response = postForm("/login", form);
        if (response.statusCode() != 302) throw new IllegalStateException("sign-in answered " + response.statusCode() + ": " + response.body());
        return response.headers().firstValue("Location").orElse("");
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
