package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignClock;
import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.RecurringJob;
import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.shared.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The dispatcher task, the once-a-second watcher and the campaign clock. */
@Configuration(proxyBeanMethods = false)
class CampaignJobs {

    private static final Logger log = LoggerFactory.getLogger(CampaignJobs.class);
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration WATCH_RUN = Duration.ofSeconds(30);

    @Bean
    CampaignClock campaignClock(Clock clock) {
        return clock::instant;
    }

    @Bean
    TenantTask<DispatchScheduler.Dispatch> campaignDispatchTask(ObjectProvider<CampaignDispatcher> dispatcher) {
        return TenantTask.repeating(
                DispatchScheduler.TASK,
                WorkerGroup.campaigns,
                DispatchScheduler.Dispatch.class,
                new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofMinutes(1)),
                (data, ctx) -> dispatcher.getObject().run(data.campaignId()));
    }

    /**
     * Every second, for each scheduled or running campaign: a progress event (delivery statuses keep moving while
     * the dispatcher waits), and a dispatcher if none is pending or running (one could have ended just as a resume
     * committed, or been parked after repeated failures).
     */
    @Bean
    RecurringJob campaignWatcher(
            CampaignRepository campaigns,
            ObjectProvider<CampaignService> service,
            DispatchScheduler dispatch,
            JobScheduler jobs,
            PlatformTransactionManager txManager) {
        TransactionTemplate tx = new TransactionTemplate(txManager);
        return RecurringJob.fixedDelay("campaigns.watch", WorkerGroup.campaigns, Duration.ofMillis(100), ctx -> {
            // a run ticks once a second for a while: a recurring job is picked up only at the group's polling
            // interval, so one run per tick could leave gaps of up to two seconds between progress events
            long end = System.nanoTime() + WATCH_RUN.toNanos();
            while (true) {
                long tick = System.nanoTime();
                watchOnce(campaigns, service.getObject(), dispatch, tx);
                long next = tick + TICK.toNanos();
                if (next >= end) {
                    return;
                }
                if (jobs.awaitStopping(Duration.ofNanos(Math.max(0, next - System.nanoTime())))) {
                    return; // the instance is stopping: end the run rather than be interrupted in the middle
                }
            }
        });
    }

    private static void watchOnce(
            CampaignRepository campaigns, CampaignService service, DispatchScheduler dispatch, TransactionTemplate tx) {
        var runs = tx.execute(s -> campaigns.activeRuns());
        if (runs == null) {
            return;
        }
        for (UUID[] run : runs) {
            try {
                TenantContext.runAs(
                        run[0],
                        () -> tx.executeWithoutResult(s -> {
                            CampaignRecord c = campaigns.find(run[1]).orElse(null);
                            if (c == null) {
                                return;
                            }
                            if (c.status() == CampaignStatus.running) {
                                dispatch.ensure(
                                        c.id(),
                                        c.nextSendAt() == null ? Instant.now() : service.realTime(c.nextSendAt()));
                                service.publishProgress(c.id());
                            } else if (c.status() == CampaignStatus.scheduled) {
                                dispatch.ensure(c.id(), service.realTime(c.scheduledAt()));
                            }
                        }));
            } catch (RuntimeException e) {
                log.warn("Watching campaign {} failed", run[1], e);
            }
        }
    }
}
