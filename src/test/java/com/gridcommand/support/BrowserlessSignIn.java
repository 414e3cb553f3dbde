package com.gridcommand.support;

import com.gridcommand.security.internal.GridUserRepository;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Signs a demo user in for a browserless view test: the security context of this thread and of the mocked
 * Vaadin session, as the sign-in page leaves them, so views and services see the user and the user's areas.
 */
public final class BrowserlessSignIn {

    private BrowserlessSignIn() {
    }

    public static void signIn(GridUserRepository users, String username) {
        var context = WithGridUserFactory.contextOf(users, username);
        SecurityContextHolder.setContext(context);
        VaadinSession.getCurrent().getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
    }
}
