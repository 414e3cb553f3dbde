package com.gridcommand.support;

import com.gridcommand.cluster.ClusterJobs;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Other app nodes on the test's database, as far as a test of cluster-wide work needs them: each a connection pool
 * of its own (so a lock held on one is not seen through the other's connection) and its job runner. Closed after the test.
 */
public final class NodePools implements AutoCloseable {

    private final HikariDataSource app;
    private final List<HikariDataSource> pools = new ArrayList<>();

    public NodePools(DataSource appDataSource) throws SQLException {
        this.app = appDataSource.unwrap(HikariDataSource.class);
    }

    /** A pool of its own on the app's database, as another node would open. */
    public HikariDataSource pool(String name, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(app.getJdbcUrl());
        pool.setUsername(app.getUsername());
        pool.setPassword(app.getPassword());
        pool.setMaximumPoolSize(size);
        pool.setPoolName(name);
        pools.add(pool);
        return pool;
    }

    /** The job runner of a node named {@code name}, on a pool of its own. */
    public ClusterJobs jobs(String name, int poolSize) {
        return new ClusterJobs(pool(name, poolSize), new SimpleMeterRegistry(), name);
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }
}
