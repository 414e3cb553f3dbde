package com.gridcommand.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.ZoneId;

/** Puts the {@link TestClock} in place of the application's clock. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    @Primary
    TestClock testClock(@Value("${gridcommand.zone:Asia/Shanghai}") String zone) {
        return new TestClock(ZoneId.of(zone));
    }
}
