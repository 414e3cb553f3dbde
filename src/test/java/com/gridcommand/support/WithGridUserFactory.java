package com.gridcommand.support;

import com.gridcommand.security.GridUser;
import com.gridcommand.security.internal.GridUserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/** Loads the named user from the database, as signing in would. */
public class WithGridUserFactory implements WithSecurityContextFactory<WithGridUser> {

    @Autowired
    GridUserRepository users;

    @Override
    public SecurityContext createSecurityContext(WithGridUser annotation) {
        return contextOf(users, annotation.value());
    }

    public static SecurityContext contextOf(GridUserRepository users, String username) {
        GridUser user = users.byUsername(username).orElseThrow(() -> new IllegalArgumentException("no user " + username)).withoutSecret();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        return context;
    }
}
