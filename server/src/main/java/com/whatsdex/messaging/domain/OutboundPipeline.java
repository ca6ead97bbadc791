package com.whatsdex.messaging.domain;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.channels.ChannelCredentials;
import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.ChannelView;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.channels.OutboundContent;
import com.whatsdex.channels.SendOutcome;
import com.whatsdex.channels.SendPacer;
import com.whatsdex.channels.WhatsAppSender;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.messaging.OutboundMessages;
import com.whatsdex.messaging.OutboundRequest;
import com.whatsdex.messaging.OutboundRequest.Content;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one outbound path. A send is three short steps with no transaction open across the network call: (1) check
 * and persist the message as {@code sending} while counting it against the plan, (2) wait for the channel's send
 * slot and call the provider, (3) record the outcome. Whatever happens between (1) and (3) — a crash, a timeout —
 * leaves a row that never silently goes out twice.
 */
@Service
class OutboundPipeline implements OutboundMessages {

    static final String RETRY_TASK = "messaging.retry-send";
    static final int MAX_ATTEMPTS = 6;
    private static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(OutboundPipeline.class);

    /** A queued message to try again, as job data. */
    record RetrySend(UUID tenantId, UUID messageId) implements TenantJobData {}

    private final OutboundRepository messages;
    private final MessagingApi messaging;
    private final ContactsApi contacts;
    private final ChannelsApi channels;
    private final WhatsAppSender sender;
    private final SendPacer pacer;
    private final UsageApi usage;
    private final RealtimeEvents events;
    private final JobScheduler jobs;
    private final TransactionTemplate tx;
    private final Clock clock;

    OutboundPipeline(
            OutboundRepository messages,
            MessagingApi messaging,
            ContactsApi contacts,
            ChannelsApi channels,
            WhatsAppSender sender,
            SendPacer pacer,
            UsageApi usage,
            RealtimeEvents events,
            JobScheduler jobs,
            TransactionTemplate tx,
            Clock clock) {
        this.messages = messages;
        this.messaging = messaging;
        this.contacts = contacts;
        this.channels = channels;
        this.sender = sender;
        this.pacer = pacer;
        this.usage = usage;
        this.events = events;
        this.jobs = jobs;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public MessageView send(OutboundRequest request) {
        Optional<UUID> earlier = request.clientKey() == null
                ? Optional.empty()
                : inTransaction(() -> messages.findByClientKey(request.clientKey()));
        if (earlier.isPresent()) {
            return view(earlier.get());
        }
        Prepared prepared;
        try {
            prepared = inTransaction(() -> prepare(request));
        } catch (DuplicateKeyException e) {
            // the same client key raced us: the first request's message is the answer
            return view(inTransaction(() -> messages.findByClientKey(request.clientKey()))
                    .orElseThrow(() -> e));
        }
        deliver(prepared.outgoing(), prepared.credentials());
        return view(prepared.outgoing().id());
    }

    private record Prepared(OutboundRepository.Outgoing outgoing, ChannelCredentials credentials) {}

    private Prepared prepare(OutboundRequest request) {
        ContactRef contact = request.contactId() != null
                ? contacts.get(request.contactId())
                : contacts.findOrCreateByPhone(normalisedPhone(request.to()), null);
        ChannelView channel = channelFor(request, contact);
        if (channel.status() != ChannelStatus.connected) {
            throw ApiException.invalidState("Channel " + channel.name() + " is " + channel.status()
                    + (channel.statusReason() == null ? "" : ": " + channel.statusReason())
                    + "; reconnect it or choose another channel");
        }
        if (request.origin() == OutboundRequest.Origin.campaign && contact.optedOut()) {
            throw new ApiException(HttpStatus.CONFLICT, "opted_out", "The contact opted out of messages");
        }
        Instant now = clock.instant();
        if (request.content().freeForm() && enforcesWindow(channel) && !insideWindow(contact, now)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "outside_service_window",
                    "WhatsApp allows free-form messages only within 24 hours of the contact's last message;"
                            + " send an approved template instead");
        }
        ChannelCredentials credentials = channels.credentials(channel.id());
        OutboundRepository.Outgoing outgoing = outgoing(Ids.newId(), channel.id(), contact.id(), request.content(), 1);
        messages.insertSending(
                outgoing,
                request.clientKey(),
                request.campaignId(),
                request.origin().name());
        contacts.recordOutbound(contact.id(), channel.id(), now);
        // last: the workspace's counter row stays locked until commit, so every other send of the workspace waits
        // on it; taking it last keeps that wait to one statement
        usage.consume(UsageMetric.messages_sent, 1);
        return new Prepared(outgoing, credentials);
    }

    /** Waits for the channel's slot, sends, and records what happened. */
    private void deliver(OutboundRepository.Outgoing m, ChannelCredentials credentials) {
        SendOutcome outcome;
        try {
            pacer.acquire(credentials.channelId(), credentials.ratePerSecond());
            outcome = sender.send(
                    credentials, content(m, contacts.get(m.contactId()).phone()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new SendOutcome.Unknown("Interrupted while waiting to send");
        }
        SendOutcome result = outcome;
        String status = inTransaction(() -> record(m, result));
        log.debug("Message {} via channel {}: {}", m.id(), m.channelId(), status);
    }

    private String record(OutboundRepository.Outgoing m, SendOutcome outcome) {
        String status;
        switch (outcome) {
            case SendOutcome.Accepted a -> {
                messages.markAccepted(m.id(), a.wamid());
                if (!a.wamid().isEmpty()) {
                    messaging.applyBacklog(m.channelId(), a.wamid());
                }
                status = "accepted";
            }
            case SendOutcome.Rejected r -> {
                if (r.kind().retryable() && m.attempts() < MAX_ATTEMPTS) {
                    // nothing was sent and a later try may pass (rate limit, provider unreachable)
                    messages.markQueued(m.id(), String.valueOf(r.code()), r.title(), r.details());
                    Instant next = clock.instant().plus(backoff(m.attempts()));
                    jobs.schedule(
                            RETRY_TASK,
                            m.id() + "-" + m.attempts(),
                            new RetrySend(TenantContext.requireTenantId(), m.id()),
                            next);
                    status = "queued";
                } else {
                    messages.markFailed(m.id(), String.valueOf(r.code()), r.title(), r.details());
                    usage.refund(UsageMetric.messages_sent, 1); // refused outright: nothing was sent
                    status = "failed";
                }
            }
            case SendOutcome.Unknown u -> {
                messages.markUnknown(m.id(), u.reason());
                status = "unknown";
            }
        }
        events.publish(new RealtimeEvent.MessageStatus(m.id(), m.contactId(), m.channelId(), status));
        return status;
    }

    /** The retry job: sends a queued message again, unless something else already moved it on. */
    void retry(UUID messageId) {
        Optional<Prepared> claimed = inTransaction(() ->
                messages.claimForRetry(messageId).map(m -> new Prepared(m, channels.credentials(m.channelId()))));
        claimed.ifPresent(p -> deliver(p.outgoing(), p.credentials()));
    }

    /** Marks sends interrupted by a crash (still {@code sending} long after any timeout) as unknown. */
    int recoverInterrupted(UUID workspaceId) {
        return TenantContext.callAs(workspaceId, () -> inTransaction(() -> messages.markStaleSendingUnknown(120)));
    }

    private ChannelView channelFor(OutboundRequest request, ContactRef contact) {
        if (request.channelId() != null) {
            return channels.get(request.channelId());
        }
        if (contact.lastChannelId() != null) {
            try {
                return channels.get(contact.lastChannelId());
            } catch (ApiException e) {
                if (!"not_found".equals(e.code())) {
                    throw e;
                }
                // the last channel was deleted; fall back to another connected one below
            }
        }
        return channels.list().stream()
                .filter(c -> c.status() == ChannelStatus.connected)
                .findFirst()
                .orElseThrow(() ->
                        ApiException.invalidState("No connected channel to send through; connect a channel first"));
    }

    private static boolean enforcesWindow(ChannelView channel) {
        return channel.provider() == ChannelProvider.whatsapp_cloud
                || (channel.sandbox() != null && channel.sandbox().enforceServiceWindow());
    }

    private boolean insideWindow(ContactRef contact, Instant now) {
        return contact.lastInboundAt() != null && contact.lastInboundAt().isAfter(now.minus(SERVICE_WINDOW));
    }

    static Duration backoff(int attempt) {
        return Duration.ofSeconds(Math.min(300, 1L << Math.min(attempt, 8))); // 2 s, 4 s, 8 s … 5 min
    }

    private static String normalisedPhone(@Nullable String to) {
        if (to == null || to.isBlank()) {
            throw ApiException.validation("to", "is required when no contactId is given");
        }
        String digits = to.replaceAll("[\\s().-]", "");
        if (!digits.matches("\\+?[1-9]\\d{6,14}")) {
            throw ApiException.validation("to", "must be an international phone number such as +2348012345678");
        }
        return digits.startsWith("+") ? digits : "+" + digits;
    }

    private static OutboundRepository.Outgoing outgoing(
            UUID id, UUID channelId, UUID contactId, Content content, int attempts) {
        return switch (content) {
            case Content.Text t ->
                new OutboundRepository.Outgoing(
                        id, channelId, contactId, "text", t.body(), null, null, List.of(), null, null, null, attempts);
            case Content.Template t ->
                new OutboundRepository.Outgoing(
                        id,
                        channelId,
                        contactId,
                        "template",
                        null,
                        t.name(),
                        t.language(),
                        t.parameters(),
                        null,
                        null,
                        null,
                        attempts);
            case Content.Media m ->
                new OutboundRepository.Outgoing(
                        id,
                        channelId,
                        contactId,
                        m.kind(),
                        null,
                        null,
                        null,
                        List.of(),
                        m.link(),
                        m.caption(),
                        m.filename(),
                        attempts);
        };
    }

    private static OutboundContent content(OutboundRepository.Outgoing m, String phone) {
        return switch (m.type()) {
            case "text" -> new OutboundContent.Text(phone, String.valueOf(m.body()), false);
            case "template" ->
                new OutboundContent.Template(
                        phone,
                        String.valueOf(m.templateName()),
                        String.valueOf(m.templateLanguage()),
                        m.templateParameters());
            default ->
                new OutboundContent.Media(
                        phone,
                        OutboundContent.MediaKind.valueOf(m.type()),
                        String.valueOf(m.mediaLink()),
                        m.mediaCaption(),
                        m.mediaFilename());
        };
    }

    private MessageView view(UUID id) {
        return inTransaction(() -> messaging.get(id));
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    @Configuration(proxyBeanMethods = false)
    static class Tasks {

        @Bean
        TenantTask<RetrySend> retrySendTask(
                org.springframework.beans.factory.ObjectProvider<OutboundPipeline> pipeline) {
            return TenantTask.of(
                    RETRY_TASK,
                    WorkerGroup.campaigns,
                    RetrySend.class,
                    (data, ctx) -> pipeline.getObject().retry(data.messageId()));
        }
    }
}
