package com.gridcommand.security.internal;

import com.gridcommand.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Wraps the application's DataSource (embedded or configured) so every connection names its actor. */
@Configuration(proxyBeanMethods = false)
class ActorStamping {

    @Bean
    static BeanPostProcessor actorStampingDataSource(ObjectProvider<CurrentUser> currentUser) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof ActorStampingDataSource)) {
                    return new ActorStampingDataSource(dataSource, () -> {
                        CurrentUser user = currentUser.getIfAvailable();
                        return user == null ? "system" : user.actor();
                    });
                }
                return bean;
            }
        };
    }
}
