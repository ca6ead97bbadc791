package com.whatsdex.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link ContactsApi} for many contacts at once, with a fixed number of statements whatever the count: the outbound
 * pipeline's batches and campaigns use it. Runs as the workspace in the current {@code TenantContext} and joins the
 * caller's transaction when there is one.
 */
public interface ContactBatchApi {

    /**
     * The contacts with these phones, created (without a name) where missing; safe under concurrency like {@link
     * ContactsApi#findOrCreateByPhone}. For a caller that stores something about them next (the outbound pipeline
     * stores the messages): the creation commits without waiting for the disk, and the caller's next durable commit
     * makes it durable too (PostgreSQL's log is written in order), while a crash in between loses only contacts
     * nothing was stored for. Each new contact updates the workspace's count row, so waiting for the disk here made
     * concurrent senders to new phones take turns at the disk's flush rate.
     *
     * @param e164s phones in E.164 with {@code +}
     * @return every phone's contact, keyed by phone
     * @throws IllegalArgumentException when a phone is not E.164
     */
    Map<String, ContactRef> findOrCreateByPhones(Collection<String> e164s);

    /**
     * A sender of inbound messages: its phone in E.164 with {@code +}, its profile name (may be null), and the channel
     * and time of its newest message here, when it wrote (both null otherwise).
     */
    record Sender(
            String phone,
            @Nullable String profileName,
            @Nullable UUID channelId,
            @Nullable Instant at) {}

    /**
     * As {@link ContactsApi#findOrCreateByPhone} for the senders of several inbound messages, in one statement that
     * locks the phones in order: a profile name fills in a missing name but never overwrites one, and a sender with a
     * channel and time moves its contact's interaction times forward (the last channel changes only with the newest
     * interaction, so a late webhook never points the contact back at an older channel). Unlike {@link #findOrCreateByPhones}, the creation is as durable as the caller's
     * transaction.
     *
     * @param senders one per phone
     * @return every phone's contact, keyed by phone
     * @throws IllegalArgumentException when a phone is not E.164 or appears twice
     */
    Map<String, ContactRef> findOrCreateSenders(List<Sender> senders);

    /** The workspace's contacts with these ids; ids it does not have are absent from the answer. */
    Map<UUID, ContactRef> getAll(Collection<UUID> ids);

    /** What a message body's variables read of a contact. */
    record ContactFields(
            UUID id,
            @Nullable String name,
            String phone,
            @Nullable String email,
            Map<String, String> attributes) {}

    /** The fields of the workspace's contacts with these ids; ids it does not have are absent. */
    Map<UUID, ContactFields> fieldsOf(Collection<UUID> ids);

    /**
     * Messages went to these contacts at {@code at}, each through its channel ({@code channelByContact}); older news
     * never overwrites newer. One statement, which locks the contacts in phone order, as {@link #findOrCreateSenders}
     * does: call it before anything else the transaction locks for these contacts (their messages and conversations).
     */
    void recordOutbound(Map<UUID, UUID> channelByContact, Instant at);
}
