package com.gridcommand.security.internal;

import com.gridcommand.security.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer.AuthorizedUrl;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

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
    SecurityFilterChain webSecurity(HttpSecurity http, RequestUtil vaadinRequests) throws Exception {
        // Sign-in goes through ThrottledAuthenticationProvider, the one AuthenticationProvider bean (registered
        // globally by Spring Boot; adding it here too would run it twice and count each failure twice).
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/assets/**", "/leaflet-flow/**", "/webjars/**", "/favicon.ico", "/error").permitAll());
        // Content-Security-Policy and friends come from SecurityHeadersFilter, for every response:
        // Vaadin's login view is served outside this chain.
        // Any other address needs a signed-in user and then goes to Vaadin, whose views check access themselves and
        // answer an unknown address with the 404 view (Vaadin's default, deny all, showed a 403 Whitelabel page).
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login?out")
                .anyRequest(AuthorizedUrl::authenticated)
                .enableCsrfConfiguration(false));
        // Vaadin's own requests carry Vaadin's token, but Vaadin would exempt the sign-in form too: then any page could
        // post a name and password and sign the browser in as someone else (login CSRF). The form carries the token its
        // page was served with (Vaadin puts it in the page), so a post needs that session and its token.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        // A sign-in post without a valid token (the page expired with its session, or came from elsewhere) goes back to
        // the sign-in page, saying so; any other refusal is the plain 403 page.
        var refused = new AccessDeniedHandlerImpl();
        http.exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
            if (denied instanceof CsrfException && "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/login")) {
                response.sendRedirect(request.getContextPath() + "/login?error=expired");
            } else {
                refused.handle(request, response, denied);
            }
        }));
        // After Vaadin's configuration (which sets the login view): say why a sign-in failed.
        http.formLogin(form -> form.loginPage("/login").failureHandler((request, response, e) -> {
            String reason = e instanceof ThrottledAuthenticationProvider.ClientLockedException ? "tooMany"
                    : e instanceof LockedException ? "locked" : e instanceof DisabledException ? "disabled" : "credentials";
            response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
        }));
        return http.build();
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders(com.gridcommand.base.map.MapSettings map) {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter(contentSecurityPolicy(map.tileUrl())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
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
