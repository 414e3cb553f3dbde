package com.gridcommand.security;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An account's areas are stored as given and read back the same; areas that do not exist are refused. */
@IntegrationTest
@Transactional
class UserServiceTest {

    @Autowired
    UserService userService;
    @Autowired
    GridUserRepository users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void areasAreStoredAndChangedAsGivenAndUnknownOnesAreRefused() {
        List<String> cells = jdbc.sql("select code from grid_cell order by code limit 2").query(String.class).list();
        String township = jdbc.sql("select code from township order by code limit 1").query(String.class).single();
        AccessScope twoCells = AccessScope.of(ScopeKind.CELLS, cells);
        GridUser made = As.user(users, "admin", () -> userService.create(
                new UserService.NewUser("scope.test", "区域测试", Role.GRID_WORKER, twoCells, "scope-test-2026")));
        assertThat(users.byId(made.id()).orElseThrow().scope()).isEqualTo(twoCells);

        AccessScope oneTownship = AccessScope.of(ScopeKind.TOWNSHIP, List.of(township));
        As.user(users, "admin", () -> userService.update(made.id(), "区域测试", Role.COMMAND, oneTownship));
        assertThat(users.byId(made.id()).orElseThrow().scope()).isEqualTo(oneTownship);

        AccessScope unknown = AccessScope.of(ScopeKind.CELLS, List.of(cells.getFirst(), "999999999999999"));
        assertThatThrownBy(() -> As.user(users, "admin", () -> userService.update(made.id(), "区域测试", Role.COMMAND, unknown)))
                .isInstanceOf(ProblemException.class).hasMessageContaining("do not exist");
        assertThat(users.byId(made.id()).orElseThrow().scope()).isEqualTo(oneTownship);
    }
}
