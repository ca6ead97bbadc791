package com.whatsdex.messaging.domain;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.channels.ChannelCredentials;
import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.ChannelView;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.channels.OutboundContent;
import com.whatsdex.channels.SendFailure;
import com.whatsdex.channels.SendOutcome;
import com.whatsdex.channels.SendPacer;
import com.whatsdex.channels.WhatsAppSender;
import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.messaging.CampaignGate;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.messaging.OutboundMessages;
import com.whatsdex.messaging.OutboundRequest;
import com.whatsdex.messaging.OutboundRequest.Content;
import com.whatsdex.messaging.OutboundResult;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one outbound path, for one message or a batch. A send is three short steps with no transaction open across
 * the network call: (1) check the requests, count them against the plan, and persist them as {@code sending}, (2)
 * wait for each channel's send slots and call the provider, (3) record the outcomes. Each step costs a fixed number
 * of statements per batch, not per message. Whatever happens between (1) and (3) — a crash, a timeout — leaves rows
 * that never silently go out twice.
 */
@Service
class OutboundPipeline implements OutboundMessages {

    static final String RETRY_TASK = "messaging.retry-send";
    static final int MAX_ATTEMPTS = 6;
    /** Provider calls in flight from this instance, all batches together. */
    static final int MAX_IN_FLIGHT = 64;
    /** How soon a message held back by its paused campaign asks again. */
    static final Duration HOLD_RECHECK = Duration.ofSeconds(2);
    /** How a message withdrawn by its cancelled or deleted campaign is recorded (failed, nothing sent). */
    static final String WITHDRAWN = "withdrawn";

    private static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(OutboundPipeline.class);

    /** A queued message to try again, as job data. */
    record RetrySend(UUID tenantId, UUID messageId) implements TenantJobData {}

    /** A request that passed the checks. */
    private record Pending(int index, OutboundRequest request, ContactRef contact, ChannelView channel) {}

    /** A stored message ready to go out. */
    private record Ready(
            OutboundRepository.Outgoing outgoing,
            String phone,
            ChannelCredentials credentials,
            @Nullable UUID campaignId) {}

    /**
     * What became of one message at its slot: the provider's answer, or held back (by its paused campaign, or
     * because this instance began to stop before the slot came).
     */
    private record Attempt(@Nullable SendOutcome outcome, CampaignGate.Decision decision, boolean stopping) {

        /** Not sent: this instance is stopping; the retry job sends it from another instance or after the restart. */
        static final Attempt STOPPING = new Attempt(null, CampaignGate.Decision.hold, true);

        static Attempt sent(SendOutcome outcome) {
            return new Attempt(outcome, CampaignGate.Decision.send, false);
        }
    }

    private final OutboundRepository messages;
    private final MessagingApi messaging;
    private final ContactsApi contacts;
    private final ContactBatchApi contactBatches;
    private final ChannelsApi channels;
    private final WhatsAppSender sender;
    private final SendPacer pacer;
    private final UsageApi usage;
    private final RealtimeEvents events;
    private final JobScheduler jobs;
    private final TransactionTemplate tx;
    private final GroupCommit<UUID, OutboundRequest, OutboundResult> alongside;

    /** The most one-message requests of a workspace sent as one batch ({@link #sendAlongside}). */
    static final int ALONGSIDE_BATCH = 100;

    private final Clock clock;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ObjectProvider<CampaignGate> campaignGate;
    private volatile @Nullable CampaignGate resolvedGate;
    private final CallSpacing spacing = new CallSpacing();

    OutboundPipeline(
            OutboundRepository messages,
            MessagingApi messaging,
            ContactsApi contacts,
            ContactBatchApi contactBatches,
            ChannelsApi channels,
            WhatsAppSender sender,
            SendPacer pacer,
            UsageApi usage,
            RealtimeEvents events,
            JobScheduler jobs,
            TransactionTemplate tx,
            Clock clock,
            ObjectProvider<CampaignGate> campaignGate) {
        this.campaignGate = campaignGate;
        this.messages = messages;
        this.messaging = messaging;
        this.contacts = contacts;
        this.contactBatches = contactBatches;
        this.channels = channels;
        this.sender = sender;
        this.pacer = pacer;
        this.usage = usage;
        this.events = events;
        this.jobs = jobs;
        this.tx = tx;
        this.clock = clock;
        // never retried alone: a batch that failed may have sent some of its messages already
        this.alongside = new GroupCommit<>(ALONGSIDE_BATCH, false, (tenantId, requests) -> sendAll(requests));
    }

    @Override
    public MessageView send(OutboundRequest request) {
        return messageOf(sendAll(List.of(request)).getFirst());
    }

    @Override
    public MessageView sendAlongside(OutboundRequest request) {
        // the key is the caller's workspace, so the batch's leader runs sendAll as the workspace of every request in it
        return messageOf(alongside.submit(TenantContext.requireTenantId(), request));
    }

    /** The stored message, or the error that refused the request. */
    private static MessageView messageOf(OutboundResult result) {
        if (result.error() != null) {
            throw result.error();
        }
        return Objects.requireNonNull(result.message());
    }

    @Override
    public List<OutboundResult> sendAll(List<OutboundRequest> requests) {
        int n = requests.size();
        // per request: the message id it answers with, or the error that refused it
        Object[] answers = new Object[n];
        int[] sameAs = new int[n];
        Arrays.fill(sameAs, -1);
        Instant now = clock.instant();

        Map<Integer, String> phones = new HashMap<>();
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            OutboundRequest r = requests.get(i);
            if (r.clientKey() != null) {
                Integer first = firstWithKey.putIfAbsent(r.clientKey(), i);
                if (first != null) {
                    sameAs[i] = first; // the same key twice in one batch is one message
                    continue;
                }
            }
            if (r.contactId() == null) {
                try {
                    phones.put(i, normalisedPhone(r.to()));
                } catch (ApiException e) {
                    answers[i] = e;
                }
            }
        }
        List<String> keys = List.copyOf(firstWithKey.keySet());
        // one transaction for every lookup: earlier messages by key, contacts, channels and their credentials
        Checked checked = Objects.requireNonNull(inTransaction(() -> {
            if (!keys.isEmpty()) {
                messages.findByClientKeys(keys).forEach((key, id) -> answers[firstWithKey.get(key)] = id);
            }
            List<Pending> passed = check(requests, answers, sameAs, phones, now);
            return new Checked(passed, credentialsOf(passed, answers));
        }));
        List<Pending> pending = checked.pending();
        long granted = pending.isEmpty() ? 0 : usage.consumeUpTo(UsageMetric.messages_sent, pending.size());
        if (granted < pending.size()) {
            ApiException limit = usage.limitReached(UsageMetric.messages_sent);
            pending.subList((int) granted, pending.size()).forEach(p -> answers[p.index()] = limit);
        }
        List<Pending> admitted = pending.subList(0, (int) granted);
        List<Ready> ready = persist(admitted, checked.credentials(), answers, now);
        List<UUID> ids = new ArrayList<>();
        for (Object a : answers) {
            if (a instanceof UUID id) {
                ids.add(id);
            }
        }
        Map<UUID, MessageView> views = new HashMap<>();
        // the answers are read in the transaction that records the outcomes
        deliver(ready, () -> messaging.getAll(ids).forEach(v -> views.put(v.id(), v)));
        List<OutboundResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object a = answers[sameAs[i] >= 0 ? sameAs[i] : i];
            results.add(
                    a instanceof ApiException e
                            ? OutboundResult.refused(e)
                            : OutboundResult.of(Objects.requireNonNull(views.get((UUID) Objects.requireNonNull(a)))));
        }
        return results;
    }

    /** Resolves contacts and channels for the requests not yet answered and applies the checks, in bulk. */
    private List<Pending> check(
            List<OutboundRequest> requests, Object[] answers, int[] sameAs, Map<Integer, String> phones, Instant now) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (answers[i] == null && sameAs[i] < 0) {
                open.add(i);
            }
        }
        if (open.isEmpty()) {
            return new ArrayList<>();
        }
        Map<String, ContactRef> byPhone = contactBatches.findOrCreateByPhones(
                open.stream().filter(phones::containsKey).map(phones::get).toList());
        Map<UUID, ContactRef> byId = contactBatches.getAll(open.stream()
                .map(i -> requests.get(i).contactId())
                .filter(Objects::nonNull)
                .toList());
        Map<UUID, ChannelView> workspaceChannels = new LinkedHashMap<>(); // oldest first
        channels.list().forEach(c -> workspaceChannels.put(c.id(), c));
        List<Pending> pending = new ArrayList<>();
        for (int i : open) {
            OutboundRequest request = requests.get(i);
            try {
                ContactRef contact =
                        request.contactId() != null ? byId.get(request.contactId()) : byPhone.get(phones.get(i));
                if (contact == null) {
                    throw ApiException.notFound("Contact");
                }
                ChannelView channel = channelFor(request, contact, workspaceChannels);
                requireSendable(request, contact, channel, now);
                pending.add(new Pending(i, request, contact, channel));
            } catch (ApiException e) {
                answers[i] = e;
            }
        }
        return pending;
    }

    private void requireSendable(OutboundRequest request, ContactRef contact, ChannelView channel, Instant now) {
        if (channel.status() != ChannelStatus.connected) {
            throw ApiException.invalidState("Channel " + channel.name() + " is " + channel.status()
                    + (channel.statusReason() == null ? "" : ": " + channel.statusReason())
                    + "; reconnect it or choose another channel");
        }
        if (request.origin() == OutboundRequest.Origin.campaign && contact.optedOut()) {
            throw new ApiException(HttpStatus.CONFLICT, "opted_out", "The contact opted out of messages");
        }
        if (request.content().freeForm() && enforcesWindow(channel) && !insideWindow(contact, now)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "outside_service_window",
                    "WhatsApp allows free-form messages only within 24 hours of the contact's last message;"
                            + " send an approved template instead");
        }
    }

    /**
     * The send credentials of the passed requests' channels, read in the lookup's transaction; a request whose
     * channel has none (deleted since the check, or without an access token) is refused here, before its usage is
     * counted, instead of failing the whole batch.
     */
    private Map<UUID, ChannelCredentials> credentialsOf(List<Pending> passed, Object[] answers) {
        Map<UUID, ChannelCredentials> credentials = new HashMap<>();
        Map<UUID, ApiException> refused = new HashMap<>();
        for (Pending p : passed) {
            UUID channelId = p.channel().id();
            if (!credentials.containsKey(channelId) && !refused.containsKey(channelId)) {
                try {
                    credentials.put(channelId, channels.credentials(channelId));
                } catch (ApiException e) {
                    refused.put(channelId, e);
                }
            }
        }
        if (!refused.isEmpty()) {
            passed.removeIf(p -> {
                ApiException e = refused.get(p.channel().id());
                if (e != null) {
                    answers[p.index()] = e;
                }
                return e != null;
            });
        }
        return credentials;
    }

    /** What the lookup's transaction found: the requests that passed the checks and their channels' credentials. */
    private record Checked(List<Pending> pending, Map<UUID, ChannelCredentials> credentials) {}

    /**
     * Stores the admitted requests as {@code sending} (their usage is already counted) and answers their ids. A
     * client key a concurrent request took first answers that request's message instead, and its count is given
     * back.
     */
    private List<Ready> persist(
            List<Pending> admitted, Map<UUID, ChannelCredentials> credentials, Object[] answers, Instant now) {
        if (admitted.isEmpty()) {
            return List.of();
        }
        List<OutboundRepository.NewSend> sends = new ArrayList<>(admitted.size());
        for (Pending p : admitted) {
            OutboundRequest r = p.request();
            sends.add(new OutboundRepository.NewSend(
                    outgoing(Ids.newId(), p.channel().id(), p.contact().id(), r.content(), 1),
                    r.clientKey(),
                    r.campaignId(),
                    r.origin().name()));
        }
        record Stored(Set<UUID> inserted, Map<String, UUID> raced) {}
        Stored stored;
        List<Pending> stores = admitted;
        try {
            stored = inTransaction(() -> {
                // the contacts first, then the messages (whose insert trigger updates their conversations): the order
                // in which an inbound webhook's batch locks the same rows, so the two never deadlock. A send that
                // loses its client key to a concurrent request records the interaction that request made.
                Map<UUID, UUID> channelByContact = new LinkedHashMap<>();
                sends.forEach(s -> channelByContact.put(
                        s.message().contactId(), s.message().channelId()));
                contactBatches.recordOutbound(channelByContact, now);
                Set<UUID> inserted = messages.insertSendingAll(sends);
                List<String> racedKeys = new ArrayList<>();
                for (OutboundRepository.NewSend s : sends) {
                    if (!inserted.contains(s.message().id())) {
                        racedKeys.add(Objects.requireNonNull(s.clientKey()));
                    }
                }
                Map<String, UUID> raced = racedKeys.isEmpty() ? Map.of() : messages.findByClientKeys(racedKeys);
                return new Stored(inserted, raced);
            });
        } catch (RuntimeException e) {
            inTransaction(() -> {
                usage.refund(UsageMetric.messages_sent, stores.size());
                return true;
            });
            throw e;
        }
        List<Ready> ready = new ArrayList<>(admitted.size());
        int notInserted = 0;
        for (int k = 0; k < admitted.size(); k++) {
            Pending p = admitted.get(k);
            OutboundRepository.NewSend s = sends.get(k);
            if (stored.inserted().contains(s.message().id())) {
                answers[p.index()] = s.message().id();
                ready.add(new Ready(
                        s.message(),
                        p.contact().phone(),
                        Objects.requireNonNull(credentials.get(p.channel().id())),
                        s.campaignId()));
            } else {
                notInserted++;
                answers[p.index()] = Objects.requireNonNull(stored.raced().get(s.clientKey()));
            }
        }
        if (notInserted > 0) {
            int giveBack = notInserted;
            inTransaction(() -> {
                usage.refund(UsageMetric.messages_sent, giveBack);
                return true;
            });
        }
        return ready;
    }

    /**
     * Sends the stored messages, each channel's in its reserved slots ({@code 1/rate} apart, every channel's slots
     * reserved in one transaction per batch), concurrently up to {@link #MAX_IN_FLIGHT}, then records every outcome
     * in one transaction, in which {@code alsoInTransaction} runs last (the caller reads its answers there).
     */
    private void deliver(List<Ready> ready, Runnable alsoInTransaction) {
        if (ready.isEmpty()) {
            inTransaction(() -> {
                alsoInTransaction.run();
                return true;
            });
            return;
        }
        Map<UUID, List<Integer>> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < ready.size(); i++) {
            byChannel
                    .computeIfAbsent(ready.get(i).credentials().channelId(), c -> new ArrayList<>())
                    .add(i);
        }
        List<SendPacer.Reservation> reservations = new ArrayList<>(byChannel.size());
        byChannel.forEach((channelId, group) -> reservations.add(new SendPacer.Reservation(
                channelId, ready.get(group.getFirst()).credentials().ratePerSecond(), group.size())));
        Map<UUID, Duration> waits = pacer.reserveAll(reservations);
        long reservedAt = System.nanoTime();
        List<Future<Attempt>> outcomes = new ArrayList<>(Collections.nCopies(ready.size(), null));
        TenantContext.Scope scope = Objects.requireNonNull(TenantContext.current()); // the gate reads as the workspace
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<UUID, List<Integer>> channel : byChannel.entrySet()) {
                List<Integer> group = channel.getValue();
                long start = reservedAt + waits.get(channel.getKey()).toNanos();
                long interval = SendPacer.intervalNanos(
                        ready.get(group.getFirst()).credentials().ratePerSecond());
                for (int j = 0; j < group.size(); j++) {
                    Ready r = ready.get(group.get(j));
                    long due = start + j * interval;
                    outcomes.set(group.get(j), sends.submit(() -> sendAt(r, due, scope)));
                }
            }
        }
        List<Attempt> results = new ArrayList<>(ready.size());
        for (Future<Attempt> f : outcomes) {
            results.add(outcome(f));
        }
        inTransaction(() -> {
            record(ready, results);
            alsoInTransaction.run();
            return true;
        });
    }

    private Attempt sendAt(Ready r, long dueNanos, TenantContext.Scope scope) {
        try {
            long wait = dueNanos - System.nanoTime();
            // the reserved slot is the channel's rate limit; a stop ends the wait: a send not yet made is queued
            // rather than cut off halfway by the shutdown (which would leave it unknown)
            if (wait > 0 ? jobs.awaitStopping(Duration.ofNanos(wait)) : jobs.stopping()) {
                return Attempt.STOPPING;
            }
            // asked at the slot, just before the call: a campaign paused meanwhile stops within one send
            CampaignGate.Decision decision = decide(r.campaignId(), scope);
            if (decision != CampaignGate.Decision.send) {
                return new Attempt(null, decision, false);
            }
            inFlight.acquire();
            try {
                spacing.await(r.credentials().channelId(), r.credentials().ratePerSecond());
            } catch (InterruptedException e) {
                inFlight.release();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.sent(new SendOutcome.Rejected(
                    0, "Interrupted before sending", "Nothing was sent", SendFailure.temporarily_unavailable));
        }
        try {
            return Attempt.sent(sender.send(r.credentials(), content(r.outgoing(), r.phone())));
        } finally {
            inFlight.release();
        }
    }

    private CampaignGate.Decision decide(@Nullable UUID campaignId, TenantContext.Scope scope) {
        CampaignGate gate = gate();
        if (campaignId == null || gate == null) {
            return CampaignGate.Decision.send;
        }
        return TenantContext.callAs(scope, () -> gate.decide(campaignId));
    }

    /** The campaigns module's gate, looked up once rather than per send (the lookup resolves a dependency). */
    private @Nullable CampaignGate gate() {
        CampaignGate gate = resolvedGate;
        if (gate == null) {
            gate = campaignGate.getIfAvailable();
            resolvedGate = gate;
        }
        return gate;
    }

    private static Attempt outcome(Future<Attempt> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.sent(new SendOutcome.Unknown("Interrupted while sending"));
        } catch (ExecutionException e) {
            // the sender reports failures as outcomes; anything else happened at an unknown point of the call
            return Attempt.sent(new SendOutcome.Unknown("Send failed: " + e.getCause()));
        }
    }

    private void record(List<Ready> ready, List<Attempt> outcomes) {
        List<UUID> acceptedIds = new ArrayList<>();
        List<String> wamids = new ArrayList<>();
        // channel by channel in UUID order, as a status webhook's batch takes them (WebhookIngest.store): each takes
        // its wamids' locks in that one order, so a send recording two channels' wamids and a status batch for the
        // same two never wait for each other crosswise (bench/run.sh load found that deadlock with insertion order)
        Map<UUID, List<String>> wamidsByChannel = new TreeMap<>();
        List<RealtimeEvent> published = new ArrayList<>(ready.size());
        int refused = 0;
        for (int i = 0; i < ready.size(); i++) {
            OutboundRepository.Outgoing m = ready.get(i).outgoing();
            Attempt attempt = outcomes.get(i);
            if (attempt.decision() == CampaignGate.Decision.hold) {
                if (attempt.stopping()) {
                    messages.markQueued(m.id(), "held", "Waiting: the server sending it was stopping", null);
                    askAgainAt(m.id(), clock.instant()); // at once, by whichever instance runs jobs
                } else {
                    hold(m.id());
                }
                published.add(new RealtimeEvent.MessageStatus(m.id(), m.contactId(), m.channelId(), "queued"));
                continue;
            }
            if (attempt.decision() == CampaignGate.Decision.withdraw) {
                withdraw(m.id());
                refused++;
                published.add(new RealtimeEvent.MessageStatus(m.id(), m.contactId(), m.channelId(), "failed"));
                continue;
            }
            String status;
            switch (Objects.requireNonNull(attempt.outcome())) {
                case SendOutcome.Accepted a -> {
                    acceptedIds.add(m.id());
                    wamids.add(a.wamid());
                    if (!a.wamid().isEmpty()) {
                        wamidsByChannel
                                .computeIfAbsent(m.channelId(), c -> new ArrayList<>())
                                .add(a.wamid());
                    }
                    status = "accepted";
                }
                case SendOutcome.Rejected r -> {
                    if (r.kind().retryable() && m.attempts() < MAX_ATTEMPTS) {
                        // nothing was sent and a later try may pass (rate limit, provider unreachable)
                        messages.markQueued(m.id(), String.valueOf(r.code()), r.title(), r.details());
                        jobs.schedule(
                                RETRY_TASK,
                                m.id() + "-" + m.attempts(),
                                new RetrySend(TenantContext.requireTenantId(), m.id()),
                                clock.instant().plus(backoff(m.attempts())));
                        status = "queued";
                    } else {
                        messages.markFailed(m.id(), String.valueOf(r.code()), r.title(), r.details());
                        refused++; // refused outright: nothing was sent, so it does not count
                        status = "failed";
                    }
                }
                case SendOutcome.Unknown u -> {
                    messages.markUnknown(m.id(), u.reason());
                    // rare and never retried (it may have left): say why, for whoever looks at the message
                    log.warn(
                            "Message {} via channel {}: outcome unknown, not retried: {}",
                            m.id(),
                            m.channelId(),
                            u.reason());
                    status = "unknown";
                }
            }
            log.debug("Message {} via channel {}: {}", m.id(), m.channelId(), status);
            published.add(new RealtimeEvent.MessageStatus(m.id(), m.contactId(), m.channelId(), status));
        }
        if (!acceptedIds.isEmpty()) {
            messages.markAcceptedAll(acceptedIds, wamids);
            wamidsByChannel.forEach(messaging::applyBacklog);
        }
        if (refused > 0) {
            usage.refund(UsageMetric.messages_sent, refused);
        }
        events.publishAll(published);
    }

    /** Keeps a message its paused campaign holds back queued, and asks again after {@link #HOLD_RECHECK}. */
    private void hold(UUID messageId) {
        messages.markQueued(messageId, "held", "Waiting: the campaign is paused", null);
        askAgainLater(messageId);
    }

    /** Schedules the retry job to ask the held message's campaign again after {@link #HOLD_RECHECK}. */
    private void askAgainLater(UUID messageId) {
        askAgainAt(messageId, clock.instant().plus(HOLD_RECHECK));
    }

    private void askAgainAt(UUID messageId, Instant when) {
        jobs.schedule(
                RETRY_TASK,
                messageId + "-held-" + clock.millis(),
                new RetrySend(TenantContext.requireTenantId(), messageId),
                when);
    }

    /** Fails a message its cancelled or deleted campaign withdrew; nothing was sent. */
    private boolean withdraw(UUID messageId) {
        return messages.markFailed(
                messageId, WITHDRAWN, "Not sent: the campaign was cancelled", "Withdrawn before it was sent");
    }

    /**
     * The retry job: sends a queued message again, unless something else already moved it on, or its campaign
     * holds it back (paused: asked again later, its attempts unchanged) or withdrew it (cancelled or deleted).
     */
    void retry(UUID messageId) {
        OutboundRepository.Queued queued =
                inTransaction(() -> messages.findQueued(messageId)).orElse(null);
        if (queued == null) {
            return; // not queued any more
        }
        UUID campaignId = queued.campaignId();
        CampaignGate.Decision decision = decide(campaignId, Objects.requireNonNull(TenantContext.current()));
        if (decision != CampaignGate.Decision.send) {
            inTransaction(() -> {
                if (decision == CampaignGate.Decision.hold) {
                    askAgainLater(messageId);
                } else if (withdraw(messageId)) {
                    usage.refund(UsageMetric.messages_sent, 1);
                }
                return true;
            });
            return;
        }
        Optional<Ready> claimed = inTransaction(() -> messages.claimForRetry(messageId)
                .map(m -> new Ready(
                        m, contacts.get(m.contactId()).phone(), channels.credentials(m.channelId()), campaignId)));
        claimed.ifPresent(r -> deliver(List.of(r), () -> {}));
    }

    /** Marks sends interrupted by a crash (still {@code sending} long after any timeout) as unknown. */
    int recoverInterrupted(UUID workspaceId) {
        return TenantContext.callAs(workspaceId, () -> inTransaction(() -> messages.markStaleSendingUnknown(120)));
    }

    /**
     * The request's channel, else the one that last talked with the contact, else the workspace's oldest connected
     * channel, from the workspace's channels read once per batch.
     */
    private static ChannelView channelFor(
            OutboundRequest request, ContactRef contact, Map<UUID, ChannelView> workspaceChannels) {
        if (request.channelId() != null) {
            ChannelView chosen = workspaceChannels.get(request.channelId());
            if (chosen == null) {
                throw ApiException.notFound("Channel");
            }
            return chosen;
        }
        if (contact.lastChannelId() != null && workspaceChannels.containsKey(contact.lastChannelId())) {
            return workspaceChannels.get(contact.lastChannelId());
        }
        // no last channel, or it was deleted: another connected one
        return workspaceChannels.values().stream()
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
