package com.whatsdex.campaigns.domain;

import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.shared.TenantContext;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Schedules a campaign's dispatcher: one execution per campaign, its instance id the campaign id, so however many
 * instances ask, at most one dispatcher exists (and runs) for a campaign.
 */
@Component
class DispatchScheduler {

    static final String TASK = "campaigns.dispatch";

    /** Job data of a campaign's dispatcher. */
    record Dispatch(UUID tenantId, UUID campaignId) implements TenantJobData {}

    private final JobScheduler jobs;

    DispatchScheduler(JobScheduler jobs) {
        this.jobs = jobs;
    }

    /**
     * Moves a waiting dispatcher to {@code when} (a scheduled start edited to an earlier time). One that is running
     * right now is left alone: it reads the campaign before it acts.
     */
    void reschedule(UUID campaignId, Instant when) {
        try {
            jobs.cancel(TASK, campaignId.toString());
        } catch (IllegalStateException running) {
            return;
        }
        ensure(campaignId, when);
    }

    /** Schedules the dispatcher at {@code when} unless one is already pending or running (then it changes nothing). */
    boolean ensure(UUID campaignId, Instant when) {
        return jobs.schedule(
                TASK, campaignId.toString(), new Dispatch(TenantContext.requireTenantId(), campaignId), when);
    }
}
