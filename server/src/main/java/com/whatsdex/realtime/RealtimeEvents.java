package com.whatsdex.realtime;

/**
 * Publishes events to the open dashboards of the current workspace ({@link com.whatsdex.shared.TenantContext}).
 *
 * <p>Call it inside the transaction that made the change: the event joins that transaction and leaves only when
 * it commits, so a dashboard never hears of a change it cannot yet read, nor of one that was rolled back. Called
 * outside a transaction it is sent at once.
 *
 * <pre>{@code
 * TenantContext.runAs(tenantId, () -> tx.executeWithoutResult(status -> {
 *     campaigns.recordSent(campaignId, messageId);
 *     realtime.publish(new RealtimeEvent.CampaignProgress(campaignId, "running", 1000, 400, 600, 550, 200, 0, 0, 20.0));
 * }));
 * }</pre>
 */
public interface RealtimeEvents {

    /** PostgreSQL refuses a notification payload of 8000 bytes or more (workspace id and type included). */
    int MAX_PAYLOAD_BYTES = 7999;

    /**
     * @throws IllegalStateException when no workspace is in the current context
     * @throws EventTooLargeException when the encoded event would not fit in a notification
     */
    void publish(RealtimeEvent event);

    /** Publishes several events in one statement (same rules as {@link #publish}). */
    default void publishAll(java.util.List<? extends RealtimeEvent> events) {
        events.forEach(this::publish);
    }
}
