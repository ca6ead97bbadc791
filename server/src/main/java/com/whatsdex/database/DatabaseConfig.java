package com.whatsdex.database;

import com.whatsdex.shared.WhatsDexProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean(destroyMethod = "close")
    @Nullable
    EmbeddedPostgresServer embeddedPostgres(DatabaseProperties props, WhatsDexProperties app)
            throws IOException, SQLException {
        if (props.external()) {
            return null;
        }
        return EmbeddedPostgresServer.start(DatabaseProperties.postgresDir(app.dataDir()), props.embeddedEphemeral());
    }

    @Bean
    DatabaseServer databaseServer(DatabaseProperties props, ObjectProvider<EmbeddedPostgresServer> embedded) {
        if (!props.external()) {
            return embedded.getObject().connection();
        }
        return external(props);
    }

    /** Migrations run as the owner role, before the application pool exists. */
    @Bean
    MigratedSchema migratedSchema(DatabaseServer server) {
        var result = Flyway.configure()
                .dataSource(
                        server.jdbcUrl(), server.owner().user(), server.owner().password())
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", server.app().user()))
                .load()
                .migrate();
        return new MigratedSchema(result.targetSchemaVersion);
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(DatabaseServer server, MigratedSchema schema, DatabaseProperties props) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.app().user());
        config.setPassword(server.app().password());
        config.setMaximumPoolSize(props.poolSize());
        config.setMinimumIdle(2);
        config.setPoolName("whatsdex");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "whatsdex");
        HikariDataSource dataSource = new HikariDataSource(config);
        RoleGuard.refuseRowLevelSecurityBypass(dataSource);
        return new RequestConnectionBudget(
                dataSource, props.poolSize() - props.reservedForJobs(), props.requestConnectionWait());
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new TenantAwareTransactionManager(dataSource);
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    record MigratedSchema(@Nullable String version) {}

    static DatabaseServer external(DatabaseProperties props) {
        String url = props.url();
        String user = props.user();
        String password = props.password();
        if (url != null && (url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
            URI uri = URI.create(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                String[] parts = userInfo.split(":", 2);
                if (user == null || user.isBlank()) {
                    user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                }
                if ((password == null || password.isBlank()) && parts.length > 1) {
                    password = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
                }
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            url = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
        }
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("DATABASE_URL is set but DATABASE_USER is not");
        }
        var app = new DatabaseServer.Credentials(user, password == null ? "" : password);
        String ownerUser = props.ownerUser();
        var owner = ownerUser == null || ownerUser.isBlank()
                ? app
                : new DatabaseServer.Credentials(ownerUser, props.ownerPassword() == null ? "" : props.ownerPassword());
        return new DatabaseServer(url, owner, app);
    }
}
