package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignClock;
import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.campaigns.CampaignView;
import com.whatsdex.campaigns.domain.RecipientRepository.Outcome;
import com.whatsdex.campaigns.domain.RecipientRepository.Stored;
import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.ChannelView;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.messaging.OutboundMessages;
import com.whatsdex.messaging.OutboundRequest;
import com.whatsdex.messaging.OutboundResult;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.templates.MessageBody;
import com.whatsdex.templates.TemplateView;
import com.whatsdex.templates.TemplatesApi;
import com.whatsdex.templates.Variables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A campaign's dispatcher: one job execution per campaign (instance id = campaign id) working through the pending
 * recipient rows in id order, a batch at a time. Each batch is first marked {@code sending} and committed, then
 * sent through the outbound pipeline with a client key per recipient and attempt, then its outcomes are recorded:
 * a recipient is never pending again once it may have been sent, and the client key makes a repeated send of the
 * same attempt return the first message instead of sending twice. The campaign row is read before every batch, so
 * pause, cancel and delete take effect after the batch in flight. Waits (random delay, batch pause, send window,
 * scheduled start) end the run and bring the same execution back at the right time instead of holding a thread.
 */
@Component
class CampaignDispatcher {

    static final int BATCH = 50;
    /** How the outbound pipeline reports a contact that no longer exists (a deleted channel is also not_found). */
    private static final String CONTACT_GONE = ApiException.notFound("Contact").getMessage();
    /** The pause/cancel reaction time is at most one batch; a run yields after this long (fairness between runs). */
    static final Duration RUN_BUDGET = Duration.ofSeconds(20);
    /** Failures are judged only over at least this many processed sends. */
    static final int THRESHOLD_SAMPLE = 20;
    /** How soon a campaign whose last messages wait for the provider's retry looks again whether they resolved. */
    static final Duration RETRY_CHECK = Duration.ofSeconds(2);
    /** Batches in flight at once for a campaign without random delays or batch pauses (see {@link #lanes}). */
    static final int LANES = 3;
    /**
     * A batch publishes progress only when the last one it published is at least this old. Progress counts every
     * recipient of the campaign (a scan of its rows and of its messages), so one count per 50 sends made a
     * 100,000-recipient campaign spend most of its time counting; the watcher publishes every second anyway and
     * every state change publishes at once.
     */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    /** WhatsApp's customer service window: free-form messages only this long after the contact last wrote. */
    static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);

    private final CampaignRepository campaigns;
    private final RecipientRepository recipients;
    private final CampaignService service;
    private final RecipientMaterialiser materialiser;
    private final ContactBatchApi contactBatches;
    private final ChannelsApi channels;
    private final TemplatesApi templates;
    private final MessagingApi messaging;
    private final OutboundMessages outbound;
    private final CampaignClock clock;
    private final TransactionTemplate tx;
    private final com.whatsdex.jobs.JobScheduler jobs;

    CampaignDispatcher(
            CampaignRepository campaigns,
            RecipientRepository recipients,
            CampaignService service,
            RecipientMaterialiser materialiser,
            ContactBatchApi contactBatches,
            ChannelsApi channels,
            TemplatesApi templates,
            MessagingApi messaging,
            OutboundMessages outbound,
            CampaignClock clock,
            com.whatsdex.jobs.JobScheduler jobs,
            PlatformTransactionManager txManager) {
        this.jobs = jobs;
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.service = service;
        this.materialiser = materialiser;
        this.contactBatches = contactBatches;
        this.channels = channels;
        this.templates = templates;
        this.messaging = messaging;
        this.outbound = outbound;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    static String clientKey(UUID campaignId, UUID recipientId, int attempt) {
        return "campaign:" + campaignId + ":" + recipientId + ":" + attempt;
    }

    /** One run; answers when to run again, or null when the campaign no longer needs its dispatcher. */
    @Nullable
    Instant run(UUID campaignId) {
        CampaignRecord c = read(() -> campaigns.find(campaignId)).orElse(null);
        if (c == null) {
            return null;
        }
        if (c.status() == CampaignStatus.scheduled) {
            if (c.scheduledAt() != null && c.scheduledAt().isAfter(clock.now())) {
                return service.realTime(c.scheduledAt());
            }
            boolean started = write(() -> {
                CampaignRecord locked = campaigns.lock(campaignId).orElse(null);
                if (locked == null || locked.status() != CampaignStatus.scheduled) {
                    return false;
                }
                campaigns.setStatus(campaignId, CampaignStatus.running, null);
                service.publishProgress(campaignId);
                return true;
            });
            if (!started) {
                return null;
            }
        } else if (c.status() != CampaignStatus.running) {
            return null;
        }
        recoverInFlight(campaignId);
        if (!c.materialised()) {
            write(() -> materialiser.materialise(campaignId));
        }
        Run run = new Run(campaignId, c.channelCursor(), Instant.now().plus(RUN_BUDGET));
        if (c.failureThreshold() != null) {
            // counted in full once per run; the lanes add what they record
            Map<Stored, Long> counts = read(() -> recipients.countByStatus(campaignId));
            run.processed.set(counts.get(Stored.sent) + counts.get(Stored.failed) + counts.get(Stored.unknown));
        }
        int lanes = lanes(c.pacing());
        if (lanes == 1) {
            lane(run);
        } else {
            TenantContext.Scope scope = Objects.requireNonNull(TenantContext.current()); // the lanes act for it too
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> started = new ArrayList<>(lanes);
                for (int i = 0; i < lanes; i++) {
                    started.add(executor.submit(() -> TenantContext.callAs(scope, () -> {
                        lane(run);
                        return true;
                    })));
                }
                for (Future<?> lane : started) {
                    try {
                        lane.get();
                    } catch (ExecutionException e) {
                        run.end(null); // the other lanes stop after their batch; the job's failure handler retries
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        run.end(null);
                        throw new IllegalStateException("Interrupted while dispatching", e);
                    }
                }
            }
        }
        return run.next();
    }

    /**
     * Batches one run may have in flight at once. While one batch waits for its provider calls, the next one is
     * claimed, stored and given the channel's following slots, so neither the database work between batches nor
     * a paced channel's slots are left idle. A random delay or a batch pause counts sends one batch after another:
     * one lane. A crash can leave at most {@code lanes × BATCH} recipients {@code unknown}.
     */
    static int lanes(CampaignView.Pacing pacing) {
        return pacing.delayMinSeconds() != null || pacing.batchPauseEvery() != null ? 1 : LANES;
    }

    /** What the lanes of one run share: where the pool rotation stands, when to yield, and how the run ends. */
    private static final class Run {
        final UUID campaignId;
        final AtomicInteger cursor;
        final AtomicLong lastProgress = new AtomicLong(System.nanoTime() - PROGRESS_INTERVAL.toNanos());
        /** Sends processed (sent, failed or unknown) by the campaign so far, when it has a failure threshold. */
        final AtomicLong processed = new AtomicLong();

        private volatile Instant yieldAt;
        private volatile boolean ended;
        private @Nullable Instant next;

        Run(UUID campaignId, int cursor, Instant yieldAt) {
            this.campaignId = campaignId;
            this.cursor = new AtomicInteger(cursor);
            this.yieldAt = yieldAt;
        }

        /** Ends the run for every lane (after its batch in flight); the first reason given wins. */
        synchronized void end(@Nullable Instant runAgainAt) {
            if (!ended) {
                ended = true;
                next = runAgainAt;
            }
        }

        boolean ended() {
            return ended;
        }

        synchronized @Nullable Instant next() {
            return next;
        }

        /** True once per budget: the lane that sees it decides whether the run yields. */
        synchronized boolean budgetSpent() {
            if (Instant.now().isBefore(yieldAt)) {
                return false;
            }
            yieldAt = Instant.now().plus(RUN_BUDGET);
            return true;
        }

        /** Whether this batch should publish progress: at most one every {@link #PROGRESS_INTERVAL}. */
        boolean progressDue() {
            long last = lastProgress.get();
            long now = System.nanoTime();
            return now - last >= PROGRESS_INTERVAL.toNanos() && lastProgress.compareAndSet(last, now);
        }
    }

    /** What a lane does next: claim again, stop (the run was ended), or send a claimed batch. */
    private sealed interface Next {}

    /** Claim again at once ("retry failed" put recipients back). */
    private record Again() implements Next {}

    /** The run was ended (it says when to run again). */
    private record Stop() implements Next {}

    /** A claimed batch and everything sending it needs, read in the claim's transaction. */
    private record Claim(
            CampaignRecord campaign,
            List<ChannelView> pool,
            List<RecipientRepository.Row> batch,
            int size,
            Map<UUID, ContactBatchApi.ContactFields> fields,
            Content content,
            Map<UUID, ContactRef> refs)
            implements Next {}

    /**
     * Reads the campaign, decides whether it goes on, and claims its next batch with the recipients' fields, all in
     * the caller's one transaction (a batch of 50 pays for one, not five).
     */
    private Next claimNext(Run run) {
        UUID campaignId = run.campaignId;
        CampaignRecord c = campaigns.find(campaignId).orElse(null);
        if (c == null || c.status() != CampaignStatus.running) {
            run.end(null);
            return new Stop();
        }
        CampaignView.SendWindow window = c.pacing().window();
        Instant now = clock.now();
        if (window != null && !SendWindows.isOpen(window, now)) {
            Instant opening = SendWindows.nextOpening(window, now);
            checkpoint(c, run.cursor.get(), c.sendsSincePause(), opening);
            run.end(service.realTime(opening));
            return new Stop();
        }
        List<ChannelView> pool = connectedPool(c);
        if (pool.isEmpty()) {
            finish(campaignId, CampaignStatus.failed, "No connected channel left in the campaign's pool");
            run.end(null);
            return new Stop();
        }
        if (jobs.stopping()) {
            // shutting down: no new batch, so none is cut off halfway (it would end unknown); the run goes on
            // on another instance or after the restart
            run.end(Instant.now());
            return new Stop();
        }
        int size = batchSize(c, pool);
        List<RecipientRepository.Row> batch = recipients.claim(campaignId, size);
        if (batch.isEmpty()) {
            switch (finish(campaignId, CampaignStatus.completed, null)) {
                case PENDING_LEFT -> {
                    return new Again(); // a "retry failed" put some back: take them
                }
                case RETRYING -> run.end(Instant.now().plus(RETRY_CHECK));
                default -> {} // completed, or another lane's batch in flight will complete it
            }
            return new Stop();
        }
        List<UUID> contactIds =
                batch.stream().map(RecipientRepository.Row::contactId).toList();
        Content content = content(c);
        return new Claim(
                c,
                pool,
                batch,
                size,
                contactBatches.fieldsOf(contactIds),
                content,
                content.meta() == null ? Map.of() : contactBatches.getAll(contactIds));
    }

    /** One lane: claims, sends and records batches until the run ends or nothing is left to claim. */
    private void lane(Run run) {
        UUID campaignId = run.campaignId;
        while (!run.ended()) {
            Next step = write(() -> claimNext(run));
            if (step instanceof Again) {
                continue;
            }
            if (!(step instanceof Claim claim)) {
                return;
            }
            CampaignRecord c = claim.campaign();
            List<RecipientRepository.Row> batch = claim.batch();
            log.debug(
                    "Campaign {}: batch of {} (size {}, pacing {})",
                    campaignId,
                    batch.size(),
                    claim.size(),
                    c.pacing());
            int first = run.cursor.getAndAdd(batch.size());
            BatchResult result = send(claim, first);
            int sinceLastPause = c.sendsSincePause() + result.processed();
            Instant next = null;
            CampaignView.Pacing pacing = c.pacing();
            if (pacing.batchPauseEvery() != null && sinceLastPause >= pacing.batchPauseEvery()) {
                sinceLastPause = 0;
                next = clock.now()
                        .plus(Duration.ofSeconds(60L
                                * between(
                                        Objects.requireNonNull(pacing.batchPauseMinMinutes()),
                                        Objects.requireNonNull(pacing.batchPauseMaxMinutes()))));
            } else if (pacing.delayMinSeconds() != null) {
                next = clock.now()
                        .plus(Duration.ofSeconds(
                                between(pacing.delayMinSeconds(), Objects.requireNonNull(pacing.delayMaxSeconds()))));
            }
            int checkpointCursor = Math.floorMod(run.cursor.get(), 1_000_000);
            int checkpointSince = sinceLastPause;
            Instant checkpointNext = next;
            write(() -> {
                // the campaign row first, then its recipients: the order delete (whose cascade removes the
                // recipients) and "retry failed" lock them in, so recording a batch never deadlocks with either
                campaigns.checkpoint(c.id(), checkpointCursor, checkpointSince, checkpointNext);
                recipients.record(c.id(), result.outcomes());
                return true;
            });
            // judged when the batch is recorded: a batch that took longer than the interval always publishes. Not
            // in the recording transaction, which holds the campaign row the other lanes' checkpoints wait for.
            if (run.progressDue()) {
                write(() -> {
                    service.publishProgress(c.id());
                    return true;
                });
            }
            if (result.usageLimit() != null) {
                pauseIfRunning(campaignId, "Usage limit reached: " + result.usageLimit());
                run.end(null);
                return;
            }
            long processed = run.processed.addAndGet(result.processed());
            String overThreshold = overThreshold(c, processed);
            if (overThreshold != null) {
                pauseIfRunning(campaignId, overThreshold);
                run.end(null);
                return;
            }
            if (next != null) {
                run.end(service.realTime(next));
                return;
            }
            if (run.budgetSpent() && jobs.othersWaiting(DispatchScheduler.TASK, campaignId.toString())) {
                run.end(Instant.now()); // let other campaigns' dispatchers have the worker; back at once
                return;
            }
        }
    }

    /** A sent batch's outcomes (for the caller to record), how many of them count as processed sends. */
    private record BatchResult(
            List<Outcome> outcomes, int processed, @Nullable String usageLimit) {}

    /** Renders and sends one claimed batch, the first recipient through the pool's channel at {@code first}. */
    private BatchResult send(Claim claim, int first) {
        CampaignRecord c = claim.campaign();
        List<ChannelView> pool = claim.pool();
        List<RecipientRepository.Row> batch = claim.batch();
        Map<UUID, ContactBatchApi.ContactFields> fields = claim.fields();
        Content content = claim.content();
        Map<UUID, ContactRef> refs = claim.refs();
        Instant windowStart = Instant.now().minus(SERVICE_WINDOW);
        List<OutboundRequest> requests = new ArrayList<>(batch.size());
        List<UUID> channelOf = new ArrayList<>(batch.size());
        List<Outcome> outcomes = new ArrayList<>();
        List<Integer> sentIndex = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            RecipientRepository.Row r = batch.get(i);
            ContactBatchApi.ContactFields f = fields.get(r.contactId());
            if (f == null) {
                outcomes.add(new Outcome(r.id(), Stored.skipped, "contact_deleted", null, null));
                continue;
            }
            ChannelView via = pool.get(Math.floorMod(first + i, pool.size()));
            UUID channel = via.id();
            Map<String, String> values = Variables.of(f.name(), f.phone(), f.email(), f.attributes());
            long seed = Variables.seed(c.id(), r.id());
            ContactRef ref = refs.get(r.contactId());
            boolean outsideWindow = ref != null
                    && enforcesServiceWindow(via)
                    && (ref.lastInboundAt() == null || ref.lastInboundAt().isBefore(windowStart));
            OutboundRequest.Content message;
            if (outsideWindow && content.meta() != null) {
                // outside WhatsApp's 24-hour window only the template's approved Meta template may go out
                TemplateView.Meta meta = content.meta();
                message = new OutboundRequest.Content.Template(
                        meta.name(),
                        meta.language(),
                        meta.parameters().stream()
                                .map(expression -> MessageBody.parse(expression, "meta.parameters")
                                        .render(values, seed))
                                .toList());
            } else {
                // a contact outside the window is refused by the pipeline: skipped as outside_service_window
                String text = content.bodyFor(c.id(), r.id()).render(values, seed);
                message = content.media() == null
                        ? new OutboundRequest.Content.Text(text)
                        : new OutboundRequest.Content.Media(
                                content.media().kind(), content.media().url(), text.isBlank() ? null : text, null);
            }
            requests.add(new OutboundRequest(
                    r.contactId(),
                    null,
                    channel,
                    message,
                    clientKey(c.id(), r.id(), r.attempt()),
                    c.id(),
                    OutboundRequest.Origin.campaign));
            channelOf.add(channel);
            sentIndex.add(i);
        }
        List<OutboundResult> results = requests.isEmpty() ? List.of() : outbound.sendAll(requests);
        String usageLimit = null;
        for (int k = 0; k < results.size(); k++) {
            RecipientRepository.Row r = batch.get(sentIndex.get(k));
            OutboundResult result = results.get(k);
            if (result.error() != null) {
                ApiException e = result.error();
                Outcome o = switch (e.code()) {
                    case "opted_out", "outside_service_window" ->
                        new Outcome(r.id(), Stored.skipped, e.code(), null, null);
                    // a channel that disconnected since the pool was read refused before sending: try again
                    case "invalid_state" -> new Outcome(r.id(), Stored.pending, null, null, null);
                    // the contact was deleted since the batch was claimed: nobody to send to; otherwise the pool
                    // channel was deleted since the pool was read: the next batch re-reads the pool
                    case "not_found" ->
                        CONTACT_GONE.equals(e.getMessage())
                                ? new Outcome(r.id(), Stored.skipped, "contact_deleted", null, null)
                                : new Outcome(r.id(), Stored.pending, null, null, null);
                    default -> new Outcome(r.id(), Stored.failed, e.code(), null, channelOf.get(k));
                };
                if ("usage_limit_reached".equals(e.code())) {
                    usageLimit = e.getMessage();
                }
                outcomes.add(o);
            } else {
                outcomes.add(outcomeOf(r.id(), Objects.requireNonNull(result.message())));
            }
        }
        int processed = (int) outcomes.stream()
                .filter(o -> o.status() == Stored.sent || o.status() == Stored.failed || o.status() == Stored.unknown)
                .count();
        return new BatchResult(outcomes, processed, usageLimit);
    }

    private static Outcome outcomeOf(UUID recipientId, MessageView m) {
        return switch (m.status()) {
            case "failed" ->
                new Outcome(
                        recipientId,
                        m.wamid() == null ? Stored.failed : Stored.sent,
                        m.wamid() == null ? m.errorCode() + " " + m.errorTitle() : null,
                        m.id(),
                        m.channelId());
            case "unknown", "sending" ->
                new Outcome(recipientId, Stored.unknown, "send_interrupted", m.id(), m.channelId());
            default -> new Outcome(recipientId, Stored.sent, null, m.id(), m.channelId());
        };
    }

    /**
     * Recipients left {@code sending} by a run that died (a crash, a kill -9, an exception mid-batch): one whose
     * message exists takes its outcome; one with none becomes {@code unknown} and is offered to "retry failed"
     * rather than resent by a machine.
     */
    private void recoverInFlight(UUID campaignId) {
        while (true) {
            List<RecipientRepository.Row> stuck = read(() -> recipients.inState(campaignId, Stored.sending, 500));
            if (stuck.isEmpty()) {
                return;
            }
            Map<String, UUID> keys = new HashMap<>();
            stuck.forEach(r -> keys.put(clientKey(campaignId, r.id(), r.attempt()), r.id()));
            Map<String, UUID> found = messaging.idsByClientKeys(keys.keySet());
            Map<UUID, MessageView> byRecipient = new HashMap<>();
            List<UUID> ids = new ArrayList<>(found.values());
            Map<UUID, UUID> recipientOfMessage = new HashMap<>();
            found.forEach((key, messageId) -> recipientOfMessage.put(messageId, keys.get(key)));
            messaging.getAll(ids).forEach(m -> byRecipient.put(recipientOfMessage.get(m.id()), m));
            List<Outcome> outcomes = new ArrayList<>(stuck.size());
            for (RecipientRepository.Row r : stuck) {
                MessageView m = byRecipient.get(r.id());
                outcomes.add(
                        m == null
                                ? new Outcome(r.id(), Stored.unknown, "interrupted_before_recording", null, null)
                                : outcomeOf(r.id(), m));
            }
            write(() -> {
                recipients.record(campaignId, outcomes);
                return true;
            });
            log.warn("Campaign {}: {} recipient(s) found in flight after an interruption", campaignId, stuck.size());
        }
    }

    /** The pool's connected channels, in the campaign's order; a deleted channel is left out. One query. */
    private List<ChannelView> connectedPool(CampaignRecord c) {
        Map<UUID, ChannelView> byId = new HashMap<>();
        read(() -> channels.list()).forEach(channel -> byId.put(channel.id(), channel));
        List<ChannelView> pool = new ArrayList<>();
        for (UUID id : c.channelIds()) {
            ChannelView channel = byId.get(id);
            if (channel != null && channel.status() == ChannelStatus.connected) {
                pool.add(channel);
            }
        }
        return pool;
    }

    /**
     * A batch is at most {@link #BATCH} recipients, and at most half a second of the pool's paced slots: the lanes
     * then hold at most {@code LANES / 2} seconds of a paced pool's sends, which bounds how long a pause or a
     * cancel waits for the batches in flight.
     */
    private static int batchSize(CampaignRecord c, List<ChannelView> pool) {
        CampaignView.Pacing p = c.pacing();
        if (p.delayMinSeconds() != null) {
            return 1; // a random delay between two sends: one recipient per run
        }
        int size = BATCH;
        if (pool.stream().allMatch(channel -> channel.ratePerSecond() > 0)) {
            int perSecond = pool.stream().mapToInt(ChannelView::ratePerSecond).sum();
            size = Math.max(1, Math.min(size, perSecond / 2));
        }
        if (p.batchPauseEvery() != null) {
            size = Math.max(1, Math.min(size, p.batchPauseEvery() - c.sendsSincePause()));
        }
        return size;
    }

    /**
     * Whether failures exceed the campaign's threshold. Failures are counted after every batch, late ones (a failed
     * status webhook) included, from indexes that hold failed rows only; the processed sends come from the run.
     */
    private @Nullable String overThreshold(CampaignRecord c, long processed) {
        if (c.failureThreshold() == null || processed < THRESHOLD_SAMPLE) {
            return null;
        }
        long failed = read(() -> recipients.countInState(c.id(), Stored.failed))
                + Math.max(0, messaging.lateFailedCampaignCount(c.id()) - c.retriedLateFailures());
        if (failed * 100 > (long) c.failureThreshold() * processed) {
            return "Failure threshold of " + c.failureThreshold() + "% exceeded: " + failed + " of " + processed
                    + " sends failed";
        }
        return null;
    }

    private void pauseIfRunning(UUID campaignId, String reason) {
        write(() -> {
            CampaignRecord c = campaigns.lock(campaignId).orElse(null);
            if (c != null && c.status() == CampaignStatus.running) {
                campaigns.setStatus(campaignId, CampaignStatus.paused, reason);
                service.publishProgress(campaignId);
                log.info("Campaign {} paused: {}", campaignId, reason);
            }
            return true;
        });
    }

    /** How {@link #finish} went. */
    private enum Finish {
        ENDED,
        /** Not running any more (paused, cancelled, deleted meanwhile). */
        NOT_RUNNING,
        /** Recipients are pending again ("retry failed"): the lane takes them. */
        PENDING_LEFT,
        /** Another lane's batch is still in flight: that lane completes the campaign after recording it. */
        IN_FLIGHT,
        /** Messages wait for the provider's retry (it refused for throughput): complete once they resolve. */
        RETRYING
    }

    /** Ends a running campaign; completes it only when nothing is pending or in flight any more. */
    private Finish finish(UUID campaignId, CampaignStatus status, @Nullable String reason) {
        return write(() -> {
            CampaignRecord c = campaigns.lock(campaignId).orElse(null);
            if (c == null || c.status() != CampaignStatus.running) {
                return Finish.NOT_RUNNING;
            }
            if (status == CampaignStatus.completed) {
                Map<Stored, Long> counts = recipients.countByStatus(campaignId);
                if (counts.get(Stored.pending) > 0) {
                    return Finish.PENDING_LEFT;
                }
                if (counts.get(Stored.sending) > 0) {
                    return Finish.IN_FLIGHT;
                }
                if (counts.get(Stored.sent) > 0
                        && messaging.campaignCounts(campaignId).retrying() > 0) {
                    return Finish.RETRYING;
                }
            }
            campaigns.setStatus(campaignId, status, reason);
            service.publishProgress(campaignId);
            return Finish.ENDED;
        });
    }

    private void checkpoint(CampaignRecord c, int cursor, int sendsSincePause, @Nullable Instant next) {
        write(() -> {
            campaigns.checkpoint(c.id(), cursor, sendsSincePause, next);
            return true;
        });
    }

    /**
     * What every recipient is sent: the template's or the campaign's body, or one of its variants, and the
     * template's media if any.
     */
    private record Content(
            List<MessageBody> bodies, TemplateView.@Nullable Media media, TemplateView.@Nullable Meta meta) {

        /** The recipient's body: always the same one for a recipient, the variants spread evenly. */
        MessageBody bodyFor(UUID campaignId, UUID recipientId) {
            return bodies.size() == 1
                    ? bodies.getFirst()
                    : bodies.get(Math.floorMod(Variables.seed(campaignId, recipientId, "variant"), bodies.size()));
        }
    }

    private Content content(CampaignRecord c) {
        List<MessageBody> bodies = new ArrayList<>();
        TemplateView template = c.templateId() == null ? null : read(() -> templates.get(c.templateId()));
        bodies.add(MessageBody.parse(template == null ? Objects.requireNonNull(c.body()) : template.body(), "body"));
        for (String variant : c.variants()) {
            bodies.add(MessageBody.parse(variant, "variants"));
        }
        return template == null
                ? new Content(List.copyOf(bodies), null, null)
                : new Content(List.copyOf(bodies), template.media(), template.meta());
    }

    private static boolean enforcesServiceWindow(ChannelView channel) {
        return channel.provider() == ChannelProvider.whatsapp_cloud
                || (channel.sandbox() != null && channel.sandbox().enforceServiceWindow());
    }

    private static int between(int min, int max) {
        return min + ThreadLocalRandom.current().nextInt(max - min + 1);
    }

    private <T> T read(Supplier<T> work) {
        return Objects.requireNonNull(tx.execute(s -> work.get()));
    }

    private <T> T write(Supplier<T> work) {
        return Objects.requireNonNull(tx.execute(s -> work.get()));
    }
}
