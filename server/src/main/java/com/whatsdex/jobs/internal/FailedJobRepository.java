package com.whatsdex.jobs.internal;

import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.shared.Ids;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jobs that ran out of attempts. A platform table written by the job machinery (not as a workspace), so operators
 * see every failure in one place.
 */
@Repository
class FailedJobRepository {

    /** Keeps one row readable; the head of a stack trace says what failed. */
    static final int MAX_ERROR_LENGTH = 8_000;

    private final JdbcClient jdbc;

    FailedJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void park(
            WorkerGroup group,
            String taskName,
            String taskInstance,
            @Nullable UUID tenantId,
            @Nullable String dataJson,
            int attempts,
            String lastError) {
        jdbc.sql("""
                        insert into failed_jobs
                            (id, worker_group, task_name, task_instance, tenant_id, data, attempts, last_error)
                        values (:id, :group, :taskName, :taskInstance, :tenantId, cast(:data as jsonb), :attempts, :error)
                        """)
                .param("id", Ids.newId())
                .param("group", group.name())
                .param("taskName", taskName)
                .param("taskInstance", taskInstance)
                .param("tenantId", tenantId)
                .param("data", dataJson)
                .param("attempts", attempts)
                .param(
                        "error",
                        lastError.length() > MAX_ERROR_LENGTH ? lastError.substring(0, MAX_ERROR_LENGTH) : lastError)
                .update();
    }
}
