package com.gridcommand.ogc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * GIS clients sign in with HTTP Basic on every request (no session, no CSRF: the API only reads), through
 * the same throttled password check as the login page, and see only their own areas.
 */
@Configuration(proxyBeanMethods = false)
class OgcSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain ogcApi(HttpSecurity http) throws Exception {
        return http.securityMatcher("/ogc/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("GridCommand"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
