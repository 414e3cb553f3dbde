package com.gridcommand.base.postgis;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;

/** With no {@code spring.datasource.url} configured, the app runs on its own embedded PostGIS. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgisConfiguration.NoDatasourceUrl.class)
@EnableConfigurationProperties(EmbeddedPostgisProperties.class)
class EmbeddedPostgisConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgis embeddedPostgis(EmbeddedPostgisProperties properties) {
        return EmbeddedPostgis.start(properties);
    }

    @Bean
    DataSource dataSource(EmbeddedPostgis postgis) {
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
