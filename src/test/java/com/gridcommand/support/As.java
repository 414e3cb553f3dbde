package com.gridcommand.support;

import com.gridcommand.security.internal.GridUserRepository;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.function.Supplier;

/** Runs a piece of a test as another user, then restores who was signed in. */
public final class As {

    private As() {
    }

    public static <T> T user(GridUserRepository users, String username, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(WithGridUserFactory.contextOf(users, username));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void user(GridUserRepository users, String username, Runnable work) {
        user(users, username, () -> {
            work.run();
            return null;
        });
    }
}
