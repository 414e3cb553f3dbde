package com.gridcommand.security.internal;

import com.gridcommand.security.AccessScope;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** app_user rows as {@link GridUser}s. */
@Repository
public class GridUserRepository {

    static final String COLUMNS = "id, username, display_name, role, scope_kind, scope_codes, enabled, password_hash";

    private final JdbcClient jdbc;

    GridUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static final RowMapper<GridUser> MAPPER = (rs, i) -> new GridUser(rs.getLong("id"), rs.getString("username"),
            rs.getString("display_name"), Role.valueOf(rs.getString("role")),
            AccessScope.of(ScopeKind.valueOf(rs.getString("scope_kind")), texts(rs.getArray("scope_codes"))),
            rs.getBoolean("enabled"), false, rs.getString("password_hash"));

    public Optional<GridUser> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from app_user where username = :u").param("u", username).query(MAPPER).optional();
    }

    public Optional<GridUser> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where id = :id").param("id", id).query(MAPPER).optional();
    }

    public List<GridUser> all() {
        return jdbc.sql("select " + COLUMNS + " from app_user order by username").query(MAPPER).list();
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
