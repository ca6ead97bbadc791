package com.whatsdex.messaging.domain;

import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.jobs.RecurringJob;
import com.whatsdex.jobs.WorkerGroup;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sweeps of the messages tables. After a crash, messages may be left {@code sending}: the request may or may not have reached the provider. A
 * sweep every minute turns those older than any send timeout into {@code unknown}, so they are offered to "retry
 * failed" by a person instead of being resent twice by a machine. Hourly, statuses that waited a day in the backlog
 * for a message that never appeared (sent from the number by another tool) are forgotten.
 */
@Configuration(proxyBeanMethods = false)
class InterruptedSendRecovery {

    private static final Logger log = LoggerFactory.getLogger(InterruptedSendRecovery.class);

    @Bean
    RecurringJob interruptedSendSweep(ChannelsApi channels, OutboundPipeline pipeline) {
        return RecurringJob.fixedDelay(
                "messaging.interrupted-send-sweep", WorkerGroup.campaigns, Duration.ofMinutes(1), ctx -> {
                    for (UUID workspace : channels.workspacesWithChannels()) {
                        int marked = pipeline.recoverInterrupted(workspace);
                        if (marked > 0) {
                            log.warn("Marked {} interrupted send(s) of workspace {} as unknown", marked, workspace);
                        }
                    }
                });
    }

    @Bean
    RecurringJob statusBacklogSweep(ChannelsApi channels, MessageService messages) {
        return RecurringJob.fixedDelay(
                "messaging.status-backlog-sweep", WorkerGroup.campaigns, Duration.ofHours(1), ctx -> {
                    for (UUID workspace : channels.workspacesWithChannels()) {
                        int forgotten = messages.forgetStaleBacklog(workspace);
                        if (forgotten > 0) {
                            log.info(
                                    "Forgot {} status(es) of workspace {} that never found their message",
                                    forgotten,
                                    workspace);
                        }
                    }
                });
    }
}
