package com.whatsdex.contacts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may ask of contacts. Every method runs as the workspace in the current {@code TenantContext}
 * and joins the caller's transaction when there is one (so a webhook's contact and message commit together).
 */
public interface ContactsApi {

    /**
     * The workspace's contact with this phone, created if there is none. Safe under concurrency: two webhooks for a
     * new phone get the same contact. A profile name fills in a missing name but never overwrites one.
     *
     * @param e164 the phone in E.164 with {@code +}
     * @throws IllegalArgumentException when {@code e164} is not E.164
     */
    ContactRef findOrCreateByPhone(String e164, @Nullable String profileName);

    /** The contact wrote through {@code channelId} at {@code at}; older news never overwrites newer. */
    void recordInbound(UUID contactId, UUID channelId, Instant at);

    /** A message went to the contact through {@code channelId} at {@code at}; older news never overwrites newer. */
    void recordOutbound(UUID contactId, UUID channelId, Instant at);

    /** Opts the contact out of (or back into) campaigns; does nothing when it already is. */
    void setOptedOut(UUID contactId, boolean optedOut, Instant at);

    /** @throws com.whatsdex.shared.ApiException not_found when the workspace has no such contact */
    ContactRef get(UUID id);
}
