package com.gridcommand.base.postgis;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** With no {@code spring.datasource.url} configured, the app runs on its own embedded PostGIS. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgisConfiguration.NoDatasourceUrl.class)
@EnableConfigurationProperties(EmbeddedPostgisProperties.class)
class EmbeddedPostgisConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgis embeddedPostgis(EmbeddedPostgisProperties properties) {
        return EmbeddedPostgis.start(properties);
    }

    // The same pool settings as an external database's (spring.datasource.hikari.*): a short wait, so
    // requests are answered at once while the database is away instead of after Hikari's 30 s.
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgis postgis) {
        var dataSource = new HikariDataSource();
        dataSource.setPoolName("embedded-postgis");
        dataSource.setJdbcUrl(postgis.jdbcUrl());
        dataSource.setUsername(postgis.user());
        dataSource.setPassword(postgis.password());
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
