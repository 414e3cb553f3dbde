package com.gridcommand.base.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Answers 503 while the database is away, from controllers and from everything else around them. */
@Configuration(proxyBeanMethods = false)
class ErrorHandlingConfiguration {

    @Bean
    OutageExceptionResolver outageExceptionResolver() {
        return new OutageExceptionResolver();
    }

    // Wraps everything but the security headers, so a 503 carries them too.
    @Bean
    FilterRegistrationBean<OutageFilter> outageFilter() {
        var registration = new FilterRegistrationBean<>(new OutageFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
