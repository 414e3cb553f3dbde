package com.gridcommand.security.internal;

import com.gridcommand.base.web.DatabaseOutage;
import com.gridcommand.security.GridUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Password sign-in (the login page and HTTP Basic) with the per-client limits of {@link LoginThrottle} in front. */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final ClientAddresses clients;

    ThrottledAuthenticationProvider(GridUserRepository users, PasswordEncoder encoder, LoginThrottle throttle, ClientAddresses clients) {
        UserDetailsService details = username -> users.byUsername(username.trim().toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException(username));
        this.passwords = new DaoAuthenticationProvider(details);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.clients = clients;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        try {
            return check(authentication);
        } catch (InternalAuthenticationServiceException e) {
            // The database away is no wrong password: let it through as itself, to be answered 503.
            if (DatabaseOutage.causedBy(e)) throw DatabaseOutage.unavailable(e);
            throw e;
        }
    }

    private Authentication check(Authentication authentication) {
        String username = authentication.getName();
        String client = clients.of(authentication);
        refuseIfLocked(username, client);
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username, client);
            // Keep the principal without its password hash in the session.
            GridUser user = ((GridUser) result.getPrincipal()).withoutSecret();
            return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        } catch (BadCredentialsException e) {
            throttle.failed(username, client);
            LoginThrottle.Lock now = throttle.lock(username, client);
            // Worth a line for whoever watches the logs: someone is guessing.
            if (now != LoginThrottle.Lock.NONE) log.warn("Too many wrong passwords from {} (for {}): {} locked for {} minutes",
                    client, username, now == LoginThrottle.Lock.CLIENT ? "that address" : "that name there", throttle.lockTime().toMinutes());
            refuseIfLocked(username, client);
            throw e;
        }
    }

    private void refuseIfLocked(String username, String client) {
        switch (throttle.lock(username, client)) {
            case CLIENT -> throw new ClientLockedException("too many failed sign-ins from " + client + ": paused for "
                    + throttle.lockTime().toMinutes() + " minutes");
            case NAME -> throw new LockedException("too many failed sign-ins for this name from " + client + ": locked for "
                    + throttle.lockTime().toMinutes() + " minutes");
            case NONE -> { }
        }
    }

    /** Sign-in from this client is paused, whichever name it tries. */
    static final class ClientLockedException extends LockedException {
        ClientLockedException(String message) {
            super(message);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
