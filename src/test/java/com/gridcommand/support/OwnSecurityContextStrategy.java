package com.gridcommand.support;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Puts the test's own application context's security strategy into {@link SecurityContextHolder} before each test.
 * Vaadin installs its strategy bean statically when a context starts, so with several cached contexts in one JVM
 * the last one started wins: a server test's requests were signed in through its own context's strategy while
 * {@code CurrentUser}, reading the static holder, looked into another context's and found nobody (an OGC request
 * then saw nothing, depending only on the order the test classes ran in).
 */
public class OwnSecurityContextStrategy extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        // After the context is loaded and the test instance prepared, before anything of the test runs.
        return 2_100;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        install(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        install(testContext);
    }

    private static void install(TestContext testContext) {
        if (!testContext.hasApplicationContext()) return;
        testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .ifUnique(SecurityContextHolder::setContextHolderStrategy);
    }
}
