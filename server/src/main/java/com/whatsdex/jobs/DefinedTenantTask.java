package com.whatsdex.jobs;

import org.jspecify.annotations.Nullable;

/** The {@link TenantTask} built by {@link TenantTask#of}. */
record DefinedTenantTask<D extends TenantJobData>(
        String name,
        WorkerGroup group,
        Class<D> dataType,
        @Nullable RetryPolicy retryPolicy,
        Handler<D> handler) implements TenantTask<D> {

    DefinedTenantTask {
        JobNames.requireValid(name);
    }

    @Override
    public void run(D data, JobContext context) throws Exception {
        handler.run(data, context);
    }
}
