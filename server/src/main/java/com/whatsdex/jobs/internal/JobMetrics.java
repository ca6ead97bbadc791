package com.whatsdex.jobs.internal;

import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.whatsdex.jobs.WorkerGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code whatsdex.jobs.executions} (timer by group, task, result) and {@code whatsdex.jobs.parked} (counter by group,
 * task): enough to alert on a group that fails or slows down. Task names are a fixed set, so the tags stay bounded.
 */
@Component
class JobMetrics {

    private final @Nullable MeterRegistry registry;

    JobMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable();
    }

    SchedulerListener listener(WorkerGroup group) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return SchedulerListener.NOOP;
        }
        return new AbstractSchedulerListener() {
            @Override
            public void onExecutionComplete(ExecutionComplete complete) {
                Timer.builder("whatsdex.jobs.executions")
                        .description("Job executions by worker group, task and result")
                        .tag("group", group.name())
                        .tag("task", complete.getExecution().getTaskName())
                        .tag("result", complete.getResult().name().toLowerCase(Locale.ROOT))
                        .register(meters)
                        .record(complete.getDuration());
            }
        };
    }

    void parked(WorkerGroup group, String taskName) {
        if (registry != null) {
            Counter.builder("whatsdex.jobs.parked")
                    .description("Jobs that ran out of attempts and were parked in failed_jobs")
                    .tag("group", group.name())
                    .tag("task", taskName)
                    .register(registry)
                    .increment();
        }
    }
}
