package com.gridcommand.base.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A controller failed because the database is away: 503, before Spring MVC's own resolvers see it. They
 * take the driver's {@code EOFException} (the database closed the socket) for a browser that went away
 * and answer nothing, with status 200 — which a tracker takes for "stored".
 */
final class OutageExceptionResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (!DatabaseOutage.causedBy(failure) || response.isCommitted()) return null;
        try {
            response.resetBuffer();
            ErrorResponses.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    request.getRequestURI().substring(request.getContextPath().length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    // After Boot's DefaultErrorAttributes (which only notes the failure), before Spring MVC's resolvers.
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
