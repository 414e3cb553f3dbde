package com.gridcommand.security.internal;

import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With the production setting the app refuses to start while demo accounts or the demo password are enabled. */
@IntegrationTest
class ProductionGuardTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void productionRefusesDemoAccounts() {
        assertThatThrownBy(() -> new ProductionGuard(jdbc, encoder, true).refuseDemoPasswords())
                .hasMessageStartingWith("refusing to start in production")
                .hasMessageContaining("admin").hasMessageContaining("wangge");
    }

    @Test
    void developmentAllowsThem() {
        assertThatCode(() -> new ProductionGuard(jdbc, encoder, false).refuseDemoPasswords()).doesNotThrowAnyException();
    }
}
