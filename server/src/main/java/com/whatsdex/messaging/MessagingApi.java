package com.whatsdex.messaging;

import java.util.UUID;

/**
 * What other modules may ask of messaging. Methods run as the workspace in the current {@code TenantContext} and
 * join the caller's transaction when there is one.
 */
public interface MessagingApi {

    /**
     * Applies the delivery statuses that arrived for {@code wamid} before its message recorded it (a fast status
     * webhook can beat the outbound pipeline storing the wamid Meta just returned), then forgets them. Call it right
     * after recording a wamid, in the same transaction.
     *
     * @return how many waiting statuses there were
     */
    int applyBacklog(UUID channelId, String wamid);

    /** @throws com.whatsdex.shared.ApiException not_found when the workspace has no such message */
    MessageView get(UUID messageId);
}
