package com.whatsdex.jobs.internal;

import com.whatsdex.jobs.WorkerGroup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads db-scheduler's execution tables (platform tables: no workspace data beyond the jobs' own). */
@Repository
class ExecutionRepository {

    private final JdbcClient jdbc;

    ExecutionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the group has a due execution no worker has picked, other than this one. */
    boolean othersDue(WorkerGroup group, String taskName, String instanceId) {
        return jdbc.sql("select exists (select 1 from " + group.tableName()
                        + " where not picked and execution_time <= now()"
                        + " and not (task_name = :task and task_instance = :instance))")
                .param("task", taskName)
                .param("instance", instanceId)
                .query(Boolean.class)
                .single();
    }
}
