/**
 * The machinery behind the jobs API: the {@code JobRegistry} owning one db-scheduler {@code Scheduler} per worker
 * group, the JSON task-data serializer, the failure handler parking exhausted jobs in {@code failed_jobs}, the
 * health indicator and metrics. Nothing here is for other modules.
 */
@NullMarked
package com.whatsdex.jobs.internal;

import org.jspecify.annotations.NullMarked;
