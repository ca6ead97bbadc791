package com.whatsdex.messaging;

/** The one outbound path every sender uses. Runs as the workspace in the current {@code TenantContext}. */
public interface OutboundMessages {

    /**
     * Persists the message, checks the channel, opt-out (campaign sends), WhatsApp's 24-hour window and the plan's
     * monthly limit, waits for the channel's send slot, sends, and records the outcome. Refusals that sent nothing
     * and may pass later (rate limits, the provider unreachable) are retried in the background; a send interrupted
     * after it may have left ends {@code unknown} and is never resent automatically.
     *
     * @return the stored message: {@code accepted} (with its wamid), {@code queued} (waiting for a retry),
     *     {@code failed} (with the provider's code) or {@code unknown}
     * @throws com.whatsdex.shared.ApiException 404 for an unknown contact or channel, 409 {@code invalid_state}
     *     for a channel that is not connected or a contact outside the window or opted out, 429
     *     {@code usage_limit_reached}
     */
    MessageView send(OutboundRequest request);

    /**
     * {@link #send} for a caller outside any transaction that sends one message per request (the API): calls of one
     * workspace that arrive while its previous batch is being sent wait for it and then go out together, as one
     * {@link #sendAll}, so each pays a share of the batch's statements and commits instead of its own. Same checks,
     * answers and errors as {@link #send}.
     */
    MessageView sendAlongside(OutboundRequest request);

    /**
     * {@link #send} for many requests at once, with a fixed number of statements per batch rather than per message
     * (campaigns and bulk integrations): one answer per request, in order. Requests refused by a check answer their
     * error and the others go on; the plan's limit admits as many as fit, in order.
     */
    java.util.List<OutboundResult> sendAll(java.util.List<OutboundRequest> requests);
}
