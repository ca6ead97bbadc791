package com.whatsdex.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Opens a fresh connection as the application role, outside the pool. For LISTEN: a listening session must stay
 * open for the life of the process and receives notifications between statements, which a pooled connection (lent
 * out per transaction, validated and recycled by Hikari) cannot do. The caller owns and closes the connection.
 */
@Component
public final class ListenConnectionFactory {

    private final DatabaseServer server;

    ListenConnectionFactory(DatabaseServer server) {
        this.server = server;
    }

    /** @param applicationName shown in {@code pg_stat_activity}, so operators can tell this session apart */
    public Connection open(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.app().user());
        props.setProperty("password", server.app().password());
        props.setProperty("ApplicationName", applicationName);
        // a silently dropped connection (NAT, failover) must surface as an error so the listener reconnects
        props.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(server.jdbcUrl(), props);
        connection.setAutoCommit(true);
        return connection;
    }
}
