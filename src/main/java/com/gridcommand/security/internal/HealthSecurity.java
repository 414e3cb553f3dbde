package com.gridcommand.security.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The health endpoint answers anyone (a load balancer signs in nowhere), but shows its parts only to an
 * administrator — signed in on the dashboard or by HTTP Basic. Nothing else of the Actuator is open.
 */
@Configuration(proxyBeanMethods = false)
class HealthSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.realmName("GridCommand"))
                // An administrator's dashboard session is read, none is made for a probe.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
