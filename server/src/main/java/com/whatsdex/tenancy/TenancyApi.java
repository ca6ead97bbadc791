package com.whatsdex.tenancy;

import java.util.UUID;

/** What other modules may ask of tenancy. Methods run as the workspace in the current {@code TenantContext}. */
public interface TenancyApi {

    /** The current workspace with the plan in force now. */
    WorkspaceView currentWorkspace();

    /** Throws {@code upgrade_required} (403) naming the cheapest plan with the feature when the plan lacks it. */
    void requireFeature(String featureName, java.util.function.Predicate<PlanLimits> feature);

    /** The workspace's plan in force now, for a job running as that workspace. */
    Plan planOf(UUID workspaceId);

    /** Whether this user is a member of the current workspace (e.g. to assign a conversation to them). */
    boolean isMember(UUID userId);
}
