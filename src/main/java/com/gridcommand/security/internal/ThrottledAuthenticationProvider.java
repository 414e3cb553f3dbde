package com.gridcommand.security.internal;

import com.gridcommand.security.GridUser;
import org.springframework.security.authentication.AuthenticationProvider;
import com.gridcommand.base.web.DatabaseOutage;
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

/** Password sign-in with the user-name lock of {@link LoginThrottle} in front. */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(GridUserRepository users, PasswordEncoder encoder, LoginThrottle throttle) {
        UserDetailsService details = username -> users.byUsername(username.trim().toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException(username));
        this.passwords = new DaoAuthenticationProvider(details);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
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
        if (throttle.isLocked(username)) throw locked();
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            // Keep the principal without its password hash in the session.
            GridUser user = ((GridUser) result.getPrincipal()).withoutSecret();
            return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        } catch (BadCredentialsException e) {
            throttle.failed(username);
            if (throttle.isLocked(username)) throw locked();
            throw e;
        }
    }

    private LockedException locked() {
        return new LockedException("too many failed sign-ins: locked for " + throttle.lockTime().toMinutes() + " minutes");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
