package com.whatsdex.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The database itself keeps workspaces apart, whatever the SQL says. */
@IntegrationTest
class RowLevelSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void everyTenantTableHasForcedRowLevelSecurityAndATenantLeadingKey() {
        List<String> unprotected = jdbc.sql("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
                where n.nspname = 'public' and c.relkind = 'r'
                  and c.relname not in ('auth_sessions', 'failed_jobs', 'channel_routes', 'campaign_runs', 'stats_pending',
                      'backup_schedule_due') -- platform tables: ids only
                  and not (c.relrowsecurity and c.relforcerowsecurity)
                """).query(String.class).list();
        assertThat(unprotected)
                .as("tables with tenant_id but without FORCE RLS")
                .isEmpty();

        List<String> keyNotLed = jdbc.sql("""
                select c.relname from pg_index i join pg_class c on c.oid = i.indrelid
                join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
                where i.indisprimary and n.nspname = 'public' and c.relrowsecurity
                  and c.relname <> 'workspaces' and a.attname <> 'tenant_id'
                """).query(String.class).list();
        assertThat(keyNotLed)
                .as("RLS tables whose primary key does not start with tenant_id")
                .isEmpty();
    }

    @Test
    void withoutATenantNoRowsAreVisible() {
        TwoWorkspaces.create(port);
        Integer visible = TenantContext.callAs(
                new TenantContext.Scope(null, null),
                () -> tx.execute(s -> jdbc.sql("select count(*) from workspaces")
                        .query(Integer.class)
                        .single()));
        assertThat(visible).isZero();
        // outside any transaction nothing is set either
        assertThat(jdbc.sql("select count(*) from api_keys")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aTenantSeesOnlyItsRowsAndCannotWriteAnothers() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        UUID a = two.a().workspaceId();
        UUID b = two.b().workspaceId();

        List<UUID> seenByA = TenantContext.callAs(
                a,
                () -> tx.execute(s ->
                        jdbc.sql("select id from workspaces").query(UUID.class).list()));
        assertThat(seenByA).containsExactly(a);

        assertThatThrownBy(() -> TenantContext.runAs(
                        a,
                        () -> tx.executeWithoutResult(s -> jdbc.sql("""
                        insert into api_keys (tenant_id, id, name, prefix, key_hash) values (:b, :id, 'x', 'x', 'x')
                        """)
                                .param("b", b)
                                .param("id", UUID.randomUUID())
                                .update())))
                .satisfies(e -> assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e)
                                .getMessage())
                        .contains("row-level security"));

        int updated = TenantContext.callAs(
                a,
                () -> tx.execute(s -> jdbc.sql("update workspaces set name = 'hijacked' where id = :b")
                        .param("b", b)
                        .update()));
        assertThat(updated).isZero();
        assertThat(two.b().get("/api/v1/workspace").data().path("name").asString())
                .isEqualTo("Workspace B");
    }

    @Test
    void theTenantSettingDoesNotLeakToTheNextTransaction() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        TenantContext.runAs(
                two.a().workspaceId(),
                () -> tx.executeWithoutResult(
                        s -> jdbc.sql("select 1").query(Integer.class).single()));
        String after = tx.execute(s -> jdbc.sql("select coalesce(current_setting('app.tenant_id', true), '')")
                .query(String.class)
                .single());
        assertThat(after).isEmpty();
    }

    @Test
    void theApplicationRoleCannotBypassRowLevelSecurity() {
        var role = jdbc.sql("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2)))
                .single();
        assertThat(role).containsExactly(false, false);
        assertThat(new Browser(port).get("/actuator/health").status()).isEqualTo(200);
    }
}
