package com.gridcommand.security.internal;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Tells the database who is acting on every connection handed out, so the audit triggers can name
 * them ({@code gridcommand.actor}). Set on each checkout: a pooled connection never carries the previous
 * user's name into the next transaction.
 */
final class ActorStampingDataSource extends DelegatingDataSource {

    private final Supplier<String> actor;

    ActorStampingDataSource(DataSource target, Supplier<String> actor) {
        super(target);
        this.actor = actor;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return stamp(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return stamp(super.getConnection(username, password));
    }

    private Connection stamp(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config('gridcommand.actor', ?, false)")) {
            statement.setString(1, actor.get());
            statement.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
