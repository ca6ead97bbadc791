package com.whatsdex.jobs.internal;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.whatsdex.jobs.WorkerGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per job execution that starts and one when it ends, on the logger {@code com.whatsdex.jobs.executions} at DEBUG (off by
 * default): which server instance (db-scheduler's scheduler name, host#pid/group) ran which execution. The row's
 * {@code picked_by} says the same only while it runs; a finished one-time job leaves no row. The multi-instance
 * check ({@code bench/run.sh multi-instance}) reads these lines from every instance's log.
 */
final class ExecutionLog extends AbstractSchedulerListener {

    static final String LOGGER = "com.whatsdex.jobs.executions";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final WorkerGroup group;
    private final String schedulerName;

    ExecutionLog(WorkerGroup group, String schedulerName) {
        this.group = group;
        this.schedulerName = schedulerName;
    }

    @Override
    public void onExecutionStart(CurrentlyExecuting executing) {
        if (log.isDebugEnabled()) {
            log.debug(line(group, executing.getExecution(), schedulerName));
        }
    }

    @Override
    public void onExecutionComplete(ExecutionComplete complete) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "Job ended: group={} task={} instance={} due={} result={} by={}",
                    group,
                    complete.getExecution().getTaskName(),
                    complete.getExecution().getId(),
                    complete.getExecution().getExecutionTime(),
                    complete.getResult(),
                    schedulerName);
        }
    }

    static String line(WorkerGroup group, Execution execution, String schedulerName) {
        return "Job started: group=" + group + " task=" + execution.getTaskName() + " instance="
                + execution.getId() + " due=" + execution.getExecutionTime() + " attempt="
                + (execution.consecutiveFailures + 1) + " by=" + schedulerName;
    }
}
