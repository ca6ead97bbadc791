/**
 * Background jobs: four isolated worker groups ({@link com.whatsdex.jobs.WorkerGroup}) on db-scheduler, each with
 * its own table, concurrency and polling interval, so a burst of campaign dispatch never delays an AI reply.
 *
 * <p>Other modules contribute work as beans: a {@link com.whatsdex.jobs.TenantTask} (one-time executions that run
 * as their workspace, scheduled through {@link com.whatsdex.jobs.JobScheduler}) or a
 * {@link com.whatsdex.jobs.RecurringJob} (platform sweeps without a workspace). Handlers live in the module that
 * owns the work; this module only runs the machinery.
 */
@NullMarked
package com.whatsdex.jobs;

import org.jspecify.annotations.NullMarked;
