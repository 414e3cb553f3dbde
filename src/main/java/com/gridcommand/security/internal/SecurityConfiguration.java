package com.gridcommand.security.internal;

import com.gridcommand.security.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in for people (a Vaadin login view, form login, remembered per session), security headers, and
 * the password hashing. Views declare who may open them; services check scope and role themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt, with the algorithm named in each hash so it can be raised later without a reset.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain webSecurity(HttpSecurity http, ThrottledAuthenticationProvider passwords,
                                    @Value("${gridcommand.map.tile-url:}") String tileUrl) throws Exception {
        http.authenticationProvider(passwords);
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/assets/**", "/webjars/**", "/favicon.ico", "/error").permitAll());
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(tileUrl)))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(self)")));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login?out"));
        // After Vaadin's configuration (which sets the login view): say why a sign-in failed.
        http.formLogin(form -> form.loginPage("/login").failureHandler((request, response, e) -> {
            String reason = e instanceof LockedException ? "locked" : e instanceof DisabledException ? "disabled" : "credentials";
            response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
        }));
        return http.build();
    }

    /** Vaadin needs inline scripts and styles; nothing may come from another origin but the optional tile server. */
    static String contentSecurityPolicy(String tileUrl) {
        String tiles = "";
        if (tileUrl != null && !tileUrl.isBlank()) {
            java.net.URI uri = java.net.URI.create(tileUrl.replaceAll("[{}]", ""));
            if (uri.getScheme() != null && uri.getHost() != null) tiles = " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        }
        return "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:" + tiles + "; font-src 'self' data:; connect-src 'self' ws: wss:; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
    }
}
