package com.gridcommand.security.internal;

import com.gridcommand.security.GridUser;
import com.gridcommand.security.UserAccessChanged;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends the open sessions of users who were disabled, removed, or given another role or other areas:
 * at once on this node when the change happens here, and within {@value #CHECK_SECONDS} seconds on any
 * node (each node checks its own sessions against the database). The browser is sent to the sign-in page.
 */
@Component
class SessionGuard implements VaadinServiceInitListener {

    static final int CHECK_SECONDS = 20;
    private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

    private final Set<VaadinSession> sessions = ConcurrentHashMap.newKeySet();
    private final GridUserRepository users;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-guard").daemon().factory());

    SessionGuard(GridUserRepository users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> sessions.add(e.getSession()));
        event.getSource().addSessionDestroyListener(e -> sessions.remove(e.getSession()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(UserAccessChanged event) {
        check();
    }

    @Scheduled(fixedDelay = CHECK_SECONDS * 1000L, initialDelay = CHECK_SECONDS * 1000L)
    void check() {
        Map<String, Optional<GridUser>> current = new HashMap<>();
        for (VaadinSession session : List.copyOf(sessions)) {
            GridUser signedIn = principal(session);
            if (signedIn == null) continue;
            Optional<GridUser> now = current.computeIfAbsent(signedIn.username(), users::byUsername);
            boolean stillValid = now.isPresent() && now.get().enabled() && now.get().role() == signedIn.role()
                    && Objects.equals(now.get().scope(), signedIn.scope());
            if (!stillValid) end(session, signedIn.username());
        }
    }

    private static GridUser principal(VaadinSession session) {
        WrappedSession http = session.getSession();
        if (http == null) return null;
        try {
            Object context = http.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            if (context instanceof SecurityContext sc && sc.getAuthentication() != null && sc.getAuthentication().getPrincipal() instanceof GridUser user) {
                return user;
            }
        } catch (IllegalStateException alreadyInvalidated) {
            return null;
        }
        return null;
    }

    private void end(VaadinSession session, String username) {
        log.info("Ending a session of {}: the account was disabled or its access changed", username);
        sessions.remove(session);
        // At once: the session no longer signs anyone in (any new request goes to the sign-in page), while it lives on
        // a moment for the push below to carry the redirect to the open page.
        WrappedSession signedIn = session.getSession();
        if (signedIn != null) {
            try {
                signedIn.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            } catch (IllegalStateException alreadyInvalidated) {
                // gone already
            }
        }
        session.access(() -> {
            for (UI ui : session.getUIs()) ui.getPage().setLocation("login?ended");
        });
        // Give the push a moment to carry the redirect, then drop the session for good.
        closer.schedule(() -> session.access(() -> {
            WrappedSession http = session.getSession();
            if (http != null) {
                try {
                    http.invalidate();
                } catch (IllegalStateException alreadyInvalidated) {
                    // gone already
                }
            }
        }), 1, TimeUnit.SECONDS);
    }
}
