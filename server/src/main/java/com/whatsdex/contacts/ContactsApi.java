package com.whatsdex.contacts;

import java.time.Instant;
import java.util.List;
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

    /** The contact, or empty when the workspace has no such contact (any more). */
    java.util.Optional<ContactRef> findById(UUID id);

    /**
     * The ids of up to {@code limit} contacts whose name, email or phone matches {@code search} the way the contacts
     * list's search does (prefixes; a phone in national or international form), most recently interacted first.
     */
    List<UUID> searchIds(String search, int limit);

    /** How many contacts the workspace holds (a counter, O(1)). */
    long count();

    /**
     * How many more contacts the plan allows now (never negative). An importer checks it before merging and calls
     * {@link #requireWithinPlan()} in its merge transaction.
     */
    long remainingCapacity();

    /**
     * @throws ContactLimitReachedException when the workspace, in the current transaction's view, holds more
     *     contacts than its plan allows (call it after inserting, before committing)
     */
    void requireWithinPlan();

    /**
     * How many contacts an audience means now.
     *
     * @throws com.whatsdex.shared.ApiException not_found when the workspace has no such audience
     */
    long countAudience(UUID audienceId);

    /**
     * One batch of a keyset walk over an audience's contacts in id order (a campaign materialises its recipients
     * with it): pass the last id of the previous batch, or null to start. An audience that is opted-in only never
     * yields opted-out contacts.
     *
     * @param audienceId the audience, or null for every contact of the workspace
     * @throws com.whatsdex.shared.ApiException not_found when the workspace has no such audience
     */
    List<ContactRef> audienceBatch(@Nullable UUID audienceId, @Nullable UUID afterId, int limit);

    /**
     * Like {@link #audienceBatch}, over the contacts with any (or, with {@code matchAll}, all) of these tags,
     * opted-out ones included (a campaign records them as skipped).
     */
    List<ContactRef> taggedBatch(List<String> tags, boolean matchAll, @Nullable UUID afterId, int limit);
}
