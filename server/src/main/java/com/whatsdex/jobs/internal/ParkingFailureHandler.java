package com.whatsdex.jobs.internal;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.whatsdex.jobs.PermanentJobFailure;
import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.WorkerGroup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a failed one-time execution with exponential backoff, then parks it in {@code failed_jobs} and removes it;
 * a {@link PermanentJobFailure} is parked at once.
 * db-scheduler's default would retry every 5 minutes forever and keep the error only in a log line.
 */
final class ParkingFailureHandler<D> implements FailureHandler<D> {

    private static final Logger log = LoggerFactory.getLogger(ParkingFailureHandler.class);

    private final WorkerGroup group;
    private final RetryPolicy policy;
    private final FailedJobRepository failedJobs;
    private final TaskDataSerializer serializer;
    private final JobMetrics metrics;

    ParkingFailureHandler(
            WorkerGroup group,
            RetryPolicy policy,
            FailedJobRepository failedJobs,
            TaskDataSerializer serializer,
            JobMetrics metrics) {
        this.group = group;
        this.policy = policy;
        this.failedJobs = failedJobs;
        this.serializer = serializer;
        this.metrics = metrics;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<D> operations) {
        Execution execution = complete.getExecution();
        int attempt = execution.consecutiveFailures + 1;
        Throwable cause = JobFailure.unwrap(complete.getCause().orElse(null));
        String taskName = execution.getTaskName();
        String instance = execution.getId();
        if (policy.allowsRetryAfter(attempt) && !(cause instanceof PermanentJobFailure)) {
            Duration backoff = policy.backoffAfter(attempt);
            log.info(
                    "Job {}/{} attempt {} of {} failed ({}), retrying in {}",
                    taskName,
                    instance,
                    attempt,
                    policy.maxAttempts(),
                    cause,
                    backoff);
            operations.reschedule(complete, complete.getTimeDone().plus(backoff));
            return;
        }
        Object data = dataOrNull(execution);
        UUID tenantId = data instanceof TenantJobData tenantData ? tenantData.tenantId() : null;
        // Park first, then remove: a crash in between runs the job once more rather than losing the failure.
        failedJobs.park(group, taskName, instance, tenantId, jsonOrNull(data), attempt, stackTrace(cause));
        operations.remove();
        metrics.parked(group, taskName);
        log.error(
                "Job {}/{} of workspace {} failed {} times, parked in failed_jobs: {}",
                taskName,
                instance,
                tenantId,
                attempt,
                cause,
                cause);
    }

    /** Unreadable data may be the very reason it failed; the failure must still be parked. */
    private static @Nullable Object dataOrNull(Execution execution) {
        try {
            return execution.taskInstance.getData();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private @Nullable String jsonOrNull(@Nullable Object data) {
        try {
            return serializer.toJson(data);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String stackTrace(@Nullable Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
