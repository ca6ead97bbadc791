package com.whatsdex.campaigns;

/** What other modules may ask of campaigns; runs as the workspace in the current {@code TenantContext}. */
public interface CampaignsApi {

    /** How many of the workspace's campaigns are running now. */
    long runningCount();
}
