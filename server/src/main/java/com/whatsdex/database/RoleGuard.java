package com.whatsdex.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Refuses to start when the application role would bypass row-level security (superuser or BYPASSRLS). */
final class RoleGuard {

    private RoleGuard() {}

    static void refuseRowLevelSecurityBypass(DataSource dataSource) {
        try (Connection con = dataSource.getConnection();
                Statement st = con.createStatement();
                ResultSet rs = st.executeQuery(
                        "select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
            if (rs.next() && (rs.getBoolean(2) || rs.getBoolean(3))) {
                throw new IllegalStateException("Database role '" + rs.getString(1)
                        + "' is a superuser or has BYPASSRLS; tenant isolation needs a plain role (see README)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to PostgreSQL: " + e.getMessage(), e);
        }
    }
}
