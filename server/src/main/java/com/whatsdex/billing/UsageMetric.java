package com.whatsdex.billing;

/** What is counted. Monthly metrics start again each calendar month in the workspace's time zone. */
public enum UsageMetric {
    /** Outbound messages (campaign, inbox, agent and API sends); limited by the plan. */
    messages_sent(true),
    /** Inbound messages; counted, not limited. */
    messages_received(true);

    private final boolean monthly;

    UsageMetric(boolean monthly) {
        this.monthly = monthly;
    }

    public boolean monthly() {
        return monthly;
    }
}
