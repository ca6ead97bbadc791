package com.whatsdex.analytics;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Message counts of a day, a month or a period, as the rollups hold them.
 *
 * @param sent outbound messages the provider accepted
 * @param delivered of those, delivered (read ones included)
 * @param read of those, read
 * @param failed outbound messages that failed, before or after the provider accepted them
 * @param received inbound messages
 * @param agentReplies outbound messages AI agents sent (accepted by the provider)
 * @param campaignSends outbound messages campaigns sent (accepted by the provider)
 */
@Schema(name = "MessageCounts")
public record MessageCounts(
        long sent, long delivered, long read, long failed, long received, long agentReplies, long campaignSends) {

    public static final MessageCounts ZERO = new MessageCounts(0, 0, 0, 0, 0, 0, 0);

    public MessageCounts plus(MessageCounts o) {
        return new MessageCounts(
                sent + o.sent,
                delivered + o.delivered,
                read + o.read,
                failed + o.failed,
                received + o.received,
                agentReplies + o.agentReplies,
                campaignSends + o.campaignSends);
    }
}
