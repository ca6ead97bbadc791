package com.whatsdex.tenancy.domain;

import com.whatsdex.tenancy.Plan;
import com.whatsdex.tenancy.WorkspaceView;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A workspaces row. */
record WorkspaceRecord(
        UUID id,
        String name,
        @Nullable Plan plan,
        Plan trialPlan,
        @Nullable Instant trialEndsAt,
        String timeZone,
        String defaultCountry,
        Instant createdAt) {

    /** The operator's plan when set, else the trial plan while the trial runs, else starter. */
    Plan effectivePlan(Instant now) {
        if (plan != null) {
            return plan;
        }
        return onTrial(now) ? trialPlan : Plan.starter;
    }

    boolean onTrial(Instant now) {
        return plan == null && trialEndsAt != null && now.isBefore(trialEndsAt);
    }

    WorkspaceView view(Instant now) {
        Plan effective = effectivePlan(now);
        return new WorkspaceView(
                id,
                name,
                effective,
                effective.limits(),
                timeZone,
                defaultCountry,
                trialEndsAt,
                onTrial(now),
                createdAt);
    }
}
