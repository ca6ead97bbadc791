package com.whatsdex.tenancy.domain;

import com.whatsdex.tenancy.Plan;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WorkspaceRepository {

    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String name, Plan trialPlan, Instant trialEndsAt, String timeZone, String country) {
        jdbc.sql("""
                insert into workspaces (id, name, trial_plan, trial_ends_at, time_zone, default_country)
                values (:id, :name, :trialPlan, :trialEndsAt, :timeZone, :country)
                """)
                .param("id", id)
                .param("name", name)
                .param("trialPlan", trialPlan.name())
                .param("trialEndsAt", java.sql.Timestamp.from(trialEndsAt))
                .param("timeZone", timeZone)
                .param("country", country)
                .update();
    }

    /** Row-level security limits this to the current workspace: another id finds nothing. */
    Optional<WorkspaceRecord> find(UUID id) {
        return jdbc.sql("""
                select id, name, plan, trial_plan, trial_ends_at, time_zone, default_country, created_at
                from workspaces where id = :id
                """)
                .param("id", id)
                .query((rs, n) -> new WorkspaceRecord(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("plan") == null ? null : Plan.valueOf(rs.getString("plan")),
                        Plan.valueOf(rs.getString("trial_plan")),
                        rs.getTimestamp("trial_ends_at") == null
                                ? null
                                : rs.getTimestamp("trial_ends_at").toInstant(),
                        rs.getString("time_zone"),
                        rs.getString("default_country"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    void update(UUID id, String name, String timeZone, String country) {
        jdbc.sql("""
                update workspaces set name = :name, time_zone = :timeZone, default_country = :country,
                       updated_at = now()
                where id = :id
                """)
                .param("id", id)
                .param("name", name)
                .param("timeZone", timeZone)
                .param("country", country)
                .update();
    }

    boolean setPlan(UUID id, @Nullable Plan plan) {
        return jdbc.sql("update workspaces set plan = :plan, updated_at = now() where id = :id")
                        .param("id", id)
                        .param("plan", plan == null ? null : plan.name())
                        .update()
                == 1;
    }
}
