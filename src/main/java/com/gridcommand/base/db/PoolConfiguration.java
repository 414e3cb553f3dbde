package com.gridcommand.base.db;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * Every Hikari pool (embedded or configured) waits patiently when busy and not at all when the database is
 * away ({@link PatientDataSource}); first of the wrappers, so the others wrap this one.
 */
@Configuration(proxyBeanMethods = false)
class PoolConfiguration {

    @Bean
    static BeanPostProcessor patientPools(Environment environment) {
        Duration patience = environment.getProperty("gridcommand.db.busy-pool-patience", Duration.class, Duration.ofSeconds(30));
        return new OrderedPostProcessor(patience);
    }

    private record OrderedPostProcessor(Duration patience) implements BeanPostProcessor, Ordered {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof HikariDataSource pool ? new PatientDataSource(pool, patience) : bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
