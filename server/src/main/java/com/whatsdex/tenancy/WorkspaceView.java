package com.whatsdex.tenancy;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A workspace as the API and other modules see it; {@code plan} is the plan in force now. */
public record WorkspaceView(
        UUID id,
        String name,
        Plan plan,
        PlanLimits limits,
        String timeZone,
        String defaultCountry,
        @Nullable Instant trialEndsAt,
        boolean onTrial,
        Instant createdAt) {}
