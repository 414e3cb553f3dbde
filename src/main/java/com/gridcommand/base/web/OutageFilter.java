package com.gridcommand.base.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Around every request: a failure because the database is away becomes 503 with {@code Retry-After}
 * (a plain page for browsers, JSON for API clients) instead of a 500 — the client may simply try again,
 * and trackers resend (the ingest API is idempotent per device and time).
 */
final class OutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(OutageFilter.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) || response.isCommitted()) throw e;
            logOutage(request, e);
            response.resetBuffer();
            ErrorResponses.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    request.getRequestURI().substring(request.getContextPath().length()));
        }
    }

    /** One line every ten seconds at most: during an outage every request fails the same way. */
    private void logOutage(HttpServletRequest request, Exception e) {
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            log.warn("The database cannot be reached: answering 503 (first: {} {}: {})", request.getMethod(), request.getRequestURI(), root.getMessage());
        }
    }
}
