package com.whatsdex.jobs;

import org.jspecify.annotations.Nullable;

/** The {@link TenantTask} built by {@link TenantTask#of} or {@link TenantTask#repeating}. */
record DefinedTenantTask<D extends TenantJobData>(
        String name,
        WorkerGroup group,
        Class<D> dataType,
        @Nullable RetryPolicy retryPolicy,
        RepeatingHandler<D> handler)
        implements TenantTask<D> {

    DefinedTenantTask {
        JobNames.requireValid(name);
    }

    @Override
    public void run(D data, JobContext context) throws Exception {
        handler.run(data, context);
    }

    @Override
    public java.time.@Nullable Instant runAgainAt(D data, JobContext context) throws Exception {
        return handler.run(data, context);
    }
}
