package com.whatsdex.database;

import com.whatsdex.shared.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Sets {@code app.tenant_id} and {@code app.user_id} transaction-locally when a transaction begins, from the
 * {@link TenantContext}. Row-level security policies read them; with none set a tenant table shows no rows.
 * Transaction-local means nothing leaks to the next borrower of the pooled connection.
 */
final class TenantAwareTransactionManager extends JdbcTransactionManager {

    private static final String SET_SCOPE =
            "select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)";

    TenantAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        TenantContext.Scope scope = TenantContext.current();
        try (PreparedStatement ps = con.prepareStatement(SET_SCOPE)) {
            ps.setString(
                    1,
                    scope == null || scope.tenantId() == null
                            ? ""
                            : scope.tenantId().toString());
            ps.setString(
                    2,
                    scope == null || scope.userId() == null
                            ? ""
                            : scope.userId().toString());
            ps.execute();
        }
    }
}
