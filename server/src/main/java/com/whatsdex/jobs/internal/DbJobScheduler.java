package com.whatsdex.jobs.internal;

import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The public scheduling API over the {@link JobRegistry}'s schedulers. */
@Component
class DbJobScheduler implements JobScheduler {

    private final JobRegistry registry;
    private final ExecutionRepository executions;

    DbJobScheduler(JobRegistry registry, ExecutionRepository executions) {
        this.registry = registry;
        this.executions = executions;
    }

    @Override
    public boolean othersWaiting(String taskName, String instanceId) {
        return executions.othersDue(registry.groupOf(taskName), taskName, instanceId);
    }

    @Override
    public boolean stopping() {
        return registry.stopping();
    }

    @Override
    public boolean awaitStopping(Duration timeout) throws InterruptedException {
        return registry.awaitStopping(timeout);
    }

    @Override
    public <D extends TenantJobData> boolean schedule(TenantTask<D> task, String instanceId, D data, Instant when) {
        return registry.schedule(task.name(), instanceId, data, when);
    }

    @Override
    public boolean schedule(String taskName, String instanceId, TenantJobData data, Instant when) {
        return registry.schedule(taskName, instanceId, data, when);
    }

    @Override
    public boolean cancel(String taskName, String instanceId) {
        return registry.cancel(taskName, instanceId);
    }
}
