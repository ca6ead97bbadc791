package com.whatsdex.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.whatsdex.jobs.WorkerGroup;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExecutionLogTests {

    @Test
    void aLineNamesTheExecutionAndTheInstanceThatRanIt() {
        Instant due = Instant.parse("2026-11-26T10:00:00Z");
        Execution retried = new Execution(
                due, new TaskInstance<>("contacts.import", "import-42"), true, "host#7/media", due, null, 2, null, 1);

        assertThat(ExecutionLog.line(WorkerGroup.media, retried, "host#7/media"))
                .isEqualTo("Job started: group=media task=contacts.import instance=import-42"
                        + " due=2026-11-26T10:00:00Z attempt=3 by=host#7/media");
    }
}
