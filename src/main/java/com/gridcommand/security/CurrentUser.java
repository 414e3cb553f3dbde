package com.gridcommand.security;

import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The caller, as services see it. Without a signed-in user the scope is {@link AccessScope#NONE}:
 * a query that forgets to ask still shows nothing.
 */
@Component
public class CurrentUser {

    private final SecurityContextHolderStrategy contexts;

    // The strategy this application's security filters store the caller in: the static holder is the last started
    // application's (several run in one test JVM), so a request served here could find nobody there.
    CurrentUser(ObjectProvider<SecurityContextHolderStrategy> contexts) {
        this.contexts = contexts.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
    }

    public Optional<GridUser> get() {
        Optional<GridUser> caller = user(contexts.getContext().getAuthentication());
        // Work run "as" someone outside a request (As.user, WithGridUser) sets the static holder.
        return caller.isPresent() ? caller : user(SecurityContextHolder.getContext().getAuthentication());
    }

    private static Optional<GridUser> user(Authentication authentication) {
        if (authentication != null && authentication.isAuthenticated() && authentication.getPrincipal() instanceof GridUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public AccessScope scope() {
        return get().map(GridUser::scope).orElse(AccessScope.NONE);
    }

    public boolean has(Role... roles) {
        return get().map(u -> u.has(roles)).orElse(false);
    }

    /** Who the audit trail names for what happens now. */
    public String actor() {
        return get().map(GridUser::username).orElse("system");
    }

    /** Throws unless the caller has one of the roles. */
    public GridUser require(Role... roles) {
        GridUser user = get().orElseThrow(() -> new AccessDeniedException("not signed in"));
        if (!user.has(roles)) throw new AccessDeniedException(user.username() + " (" + user.role() + ") may not do this");
        return user;
    }

    /** Refused: the caller may not do this, or the thing is outside their areas. */
    public static class AccessDeniedException extends org.springframework.security.access.AccessDeniedException {
        public AccessDeniedException(String message) {
            super(message);
        }
    }
}
