package com.gridcommand.support;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user flow in headless Chromium against the whole application on a random port, on its own
 * embedded PostGIS with the demo city. Skipped only with {@code -Dbrowser.tests.skip=true}; without
 * Chromium they fail, naming the packages to install.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@EnabledIf("com.gridcommand.support.Browser#available")
public @interface BrowserTest {
}
