package com.gridcommand.base.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * Spring's {@code /error}, in place of the Whitelabel page: the status the request ended with, as a plain
 * page in the user's language for browsers or JSON for API clients. A failure because the database is
 * away is a 503; {@code /error} asked for directly is a page that does not exist (404), never a 500.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer c ? c : HttpServletResponse.SC_NOT_FOUND;
        if (failure instanceof Throwable t && DatabaseOutage.causedBy(t)) status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        String path = uri instanceof String u ? u.substring(Math.min(u.length(), request.getContextPath().length())) : "/";
        ErrorResponses.write(request, response, status, path);
    }
}
