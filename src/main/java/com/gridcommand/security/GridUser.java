package com.gridcommand.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

/** A signed-in person: who, in which role, over which areas. Also the Spring Security principal. */
public record GridUser(long id, String username, String displayName, Role role, AccessScope scope, boolean enabled,
                       boolean locked, String passwordHash) implements UserDetails {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    /** The same user without the password hash, for keeping in a session. */
    public GridUser withoutSecret() {
        return new GridUser(id, username, displayName, role, scope, enabled, locked, "");
    }

    public boolean has(Role... roles) {
        for (Role r : roles) if (r == role) return true;
        return false;
    }
}
