package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignClock;
import com.whatsdex.campaigns.CampaignRecipientView;
import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.campaigns.CampaignView;
import com.whatsdex.campaigns.CampaignsApi;
import com.whatsdex.campaigns.domain.RecipientRepository.Stored;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.templates.MessageBody;
import com.whatsdex.templates.TemplatesApi;
import com.whatsdex.tenancy.PlanLimits;
import com.whatsdex.tenancy.TenancyApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Campaigns' use cases: create, edit, the state machine's actions, views with counters. */
@Service
public class CampaignService implements CampaignsApi {

    static final int MAX_CONTACT_IDS = 10_000;
    static final int MAX_VARIANTS = 10;

    /** What a user sets on create or edit. */
    public record CampaignFields(
            String name,
            @Nullable UUID templateId,
            @Nullable String body,
            @Nullable List<String> variants,
            CampaignView.Audience audience,
            List<UUID> channelIds,
            @Nullable Instant scheduledAt,
            CampaignView.@Nullable Pacing pacing,
            @Nullable Integer failureThreshold) {}

    private final CampaignRepository campaigns;
    private final RecipientRepository recipients;
    private final TemplatesApi templates;
    private final ContactsApi contacts;
    private final ChannelsApi channels;
    private final MessagingApi messaging;
    private final TenancyApi tenancy;
    private final RealtimeEvents events;
    private final DispatchScheduler dispatch;
    private final RecipientMaterialiser materialiser;
    private final CampaignClock clock;
    private final TransactionTemplate tx;

    CampaignService(
            CampaignRepository campaigns,
            RecipientRepository recipients,
            TemplatesApi templates,
            ContactsApi contacts,
            ChannelsApi channels,
            MessagingApi messaging,
            TenancyApi tenancy,
            RealtimeEvents events,
            DispatchScheduler dispatch,
            RecipientMaterialiser materialiser,
            CampaignClock clock,
            PlatformTransactionManager txManager) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.templates = templates;
        this.contacts = contacts;
        this.channels = channels;
        this.messaging = messaging;
        this.tenancy = tenancy;
        this.events = events;
        this.dispatch = dispatch;
        this.materialiser = materialiser;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    // ---- create, read, edit, delete

    public CampaignView create(CampaignFields fields) {
        requirePlan();
        CampaignRecord.Fields valid = validated(fields);
        UUID id = Ids.newId();
        inTx(() -> {
            campaigns.insert(id, valid);
            return true;
        });
        return get(id);
    }

    public CampaignView get(UUID id) {
        return view(find(id));
    }

    public PageResponse<CampaignView> list(
            @Nullable CampaignStatus status, @Nullable Integer limit, @Nullable String cursor) {
        int n = Cursors.limit(limit);
        UUID before = uuidCursor(cursor);
        List<CampaignRecord> rows = inTx(() -> campaigns.list(status, before, n + 1));
        PageResponse<CampaignRecord> page = Cursors.page(rows, n, r -> r.id().toString());
        return new PageResponse<>(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    public CampaignView update(UUID id, CampaignFields fields) {
        requirePlan();
        CampaignRecord.Fields valid = validated(fields);
        inTx(() -> {
            CampaignRecord c = campaigns.lock(id).orElseThrow(() -> ApiException.notFound("Campaign"));
            if (!c.status().editable()) {
                throw ApiException.invalidState("A " + c.status() + " campaign cannot be edited");
            }
            campaigns.update(id, valid);
            if (c.status() == CampaignStatus.scheduled) {
                if (valid.scheduledAt() == null) {
                    throw ApiException.validation("scheduledAt", "a scheduled campaign needs a start time");
                }
                dispatch.reschedule(id, realTime(valid.scheduledAt()));
            }
            return true;
        });
        return get(id);
    }

    /** Deletes the campaign, stopping it first: the dispatcher finds it gone before its next batch. */
    public void delete(UUID id) {
        inTx(() -> {
            CampaignRecord c = campaigns.lock(id).orElseThrow(() -> ApiException.notFound("Campaign"));
            if (c.status().active() || c.status() == CampaignStatus.paused) {
                campaigns.setStatus(id, CampaignStatus.cancelled, "Deleted");
            }
            campaigns.delete(id);
            return true;
        });
    }

    // ---- state machine actions

    /** Starts now, or schedules for {@code scheduledAt} when that is still ahead. */
    public CampaignView start(UUID id) {
        requirePlan();
        inTx(() -> {
            CampaignRecord c = lockIn(id, CampaignStatus.draft);
            Instant now = clock.now();
            boolean later = c.scheduledAt() != null && c.scheduledAt().isAfter(now);
            CampaignStatus next = later ? CampaignStatus.scheduled : CampaignStatus.running;
            campaigns.setStatus(id, next, null);
            if (!later) {
                materialiser.materialise(id);
            }
            dispatch.ensure(id, later ? realTime(c.scheduledAt()) : Instant.now());
            publishProgress(id);
            return true;
        });
        return get(id);
    }

    public CampaignView pause(UUID id) {
        return move(id, CampaignStatus.paused, "Paused by a user", CampaignStatus.running);
    }

    public CampaignView resume(UUID id) {
        requirePlan();
        inTx(() -> {
            lockIn(id, CampaignStatus.paused);
            campaigns.setStatus(id, CampaignStatus.running, null);
            dispatch.ensure(id, Instant.now());
            publishProgress(id);
            return true;
        });
        return get(id);
    }

    public CampaignView cancel(UUID id) {
        return move(
                id,
                CampaignStatus.cancelled,
                "Cancelled by a user",
                CampaignStatus.scheduled,
                CampaignStatus.running,
                CampaignStatus.paused);
    }

    /** A new draft with the same content, named "… (copy)"; it has no schedule, so it never starts by itself. */
    public CampaignView duplicate(UUID id) {
        requirePlan();
        CampaignRecord original = find(id);
        CampaignRecord.Fields f = original.fields();
        String suffix = " (copy)";
        String name = original.name().length() + suffix.length() > 200
                ? original.name().substring(0, 200 - suffix.length()) + suffix
                : original.name() + suffix;
        UUID copy = Ids.newId();
        inTx(() -> {
            campaigns.insert(
                    copy,
                    new CampaignRecord.Fields(
                            name,
                            f.templateId(),
                            f.body(),
                            f.variants(),
                            f.audience(),
                            f.channelIds(),
                            null,
                            f.pacing(),
                            f.failureThreshold()));
            return true;
        });
        return get(copy);
    }

    /**
     * Puts the failed and unknown recipients (and those whose message failed after the provider accepted it) back
     * to pending, and only those; a completed or failed campaign runs again for them, a paused one waits for resume.
     */
    public CampaignView retryFailed(UUID id) {
        requirePlan();
        CampaignRecord current = find(id);
        if (!current.materialised()
                || current.status() == CampaignStatus.cancelled
                || current.status() == CampaignStatus.scheduled) {
            throw ApiException.invalidState("A " + current.status() + " campaign has no failed recipients to retry");
        }
        List<UUID> lateFailed = messaging.lateFailedCampaignMessages(id);
        // the answer is read in the same transaction: once it commits the dispatcher may take the rows at once
        return inTx(() -> {
            CampaignRecord c = campaigns.lock(id).orElseThrow(() -> ApiException.notFound("Campaign"));
            int reset = recipients.resetFailedAndUnknown(id);
            int late = recipients.resetSentWithMessages(id, lateFailed);
            campaigns.addRetriedLateFailures(id, late);
            if (reset + late > 0 && (c.status() == CampaignStatus.completed || c.status() == CampaignStatus.failed)) {
                campaigns.setStatus(id, CampaignStatus.running, null);
                dispatch.ensure(id, Instant.now());
            }
            publishProgress(id);
            return get(id);
        });
    }

    private CampaignView move(UUID id, CampaignStatus next, String reason, CampaignStatus... from) {
        inTx(() -> {
            lockIn(id, from);
            campaigns.setStatus(id, next, reason);
            publishProgress(id);
            return true;
        });
        return get(id);
    }

    private CampaignRecord lockIn(UUID id, CampaignStatus... allowed) {
        CampaignRecord c = campaigns.lock(id).orElseThrow(() -> ApiException.notFound("Campaign"));
        for (CampaignStatus s : allowed) {
            if (c.status() == s) {
                return c;
            }
        }
        throw ApiException.invalidState("The campaign is " + c.status() + "; that action needs it "
                + String.join(
                        " or ", java.util.Arrays.stream(allowed).map(Enum::name).toList()));
    }

    // ---- recipients

    public PageResponse<CampaignRecipientView> recipients(
            UUID id, @Nullable String status, @Nullable Integer limit, @Nullable String cursor) {
        find(id);
        int n = Cursors.limit(limit);
        UUID after = uuidCursor(cursor);
        List<Stored> stored = storedFor(status);
        List<RecipientRepository.Row> rows = inTx(() -> recipients.page(id, stored, after, n + 1));
        boolean more = rows.size() > n;
        List<RecipientRepository.Row> kept = more ? rows.subList(0, n) : rows;
        List<CampaignRecipientView> views = withDeliveryStatus(kept);
        if (status != null && !status.isBlank()) {
            // delivered/read/failed are read from the messages: the stored page is filtered, so it may be short
            views = views.stream().filter(v -> v.status().equals(status)).toList();
        }
        String next = more ? Cursors.encode(kept.getLast().id().toString()) : null;
        return new PageResponse<>(views, next);
    }

    private static List<Stored> storedFor(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return List.of();
        }
        return switch (status) {
            case "pending" -> List.of(Stored.pending);
            case "sending" -> List.of(Stored.sending, Stored.sent);
            case "sent", "delivered", "read" -> List.of(Stored.sent);
            case "failed" -> List.of(Stored.failed, Stored.sent);
            case "skipped" -> List.of(Stored.skipped);
            case "unknown" -> List.of(Stored.unknown, Stored.sent);
            default ->
                throw ApiException.validation(
                        "status", "must be pending, sending, sent, delivered, read, failed, skipped or unknown");
        };
    }

    /**
     * A recipient's delivery status is its message's, read by primary key for the page's messages only. Reading it
     * rather than copying every status webhook into the recipient rows keeps the webhook path free of campaign
     * work and leaves no window in which a fast webhook and the dispatcher's own write could undo each other.
     */
    private List<CampaignRecipientView> withDeliveryStatus(List<RecipientRepository.Row> rows) {
        List<UUID> messageIds = rows.stream()
                .map(RecipientRepository.Row::messageId)
                .filter(Objects::nonNull)
                .toList();
        Map<UUID, MessageView> messages = new HashMap<>();
        messaging.getAll(messageIds).forEach(m -> messages.put(m.id(), m));
        List<CampaignRecipientView> views = new ArrayList<>(rows.size());
        for (RecipientRepository.Row r : rows) {
            String status = r.status().name();
            String reason = r.reason();
            MessageView m = r.messageId() == null ? null : messages.get(r.messageId());
            if (r.status() == Stored.sent && m != null) {
                status = switch (m.status()) {
                    case "delivered", "read", "failed", "unknown" -> m.status();
                    // waiting for the pipeline's retry (the provider refused for throughput): not out yet
                    case "queued", "sending" -> "sending";
                    default -> "sent";
                };
                if ("failed".equals(status)) {
                    reason = m.errorCode() == null ? m.errorTitle() : m.errorCode() + " " + m.errorTitle();
                }
            }
            views.add(new CampaignRecipientView(
                    r.id(),
                    r.contactId(),
                    r.phone(),
                    status,
                    reason,
                    r.attempt(),
                    r.channelId(),
                    r.messageId(),
                    r.updatedAt()));
        }
        return views;
    }

    // ---- views and progress

    CampaignRecord find(UUID id) {
        return inTx(() -> campaigns.find(id)).orElseThrow(() -> ApiException.notFound("Campaign"));
    }

    CampaignView view(CampaignRecord c) {
        CampaignView.Counts counts = counts(c);
        long processed = counts.sent() + counts.failed() + counts.unknown();
        double rate = 0;
        Long eta = null;
        if (c.startedAt() != null && processed > 0) {
            Instant end = c.finishedAt() != null ? c.finishedAt() : Instant.now();
            double seconds = Math.max(1, Duration.between(c.startedAt(), end).toMillis() / 1000.0);
            rate = Math.round(processed / seconds * 10) / 10.0;
            if (c.status() == CampaignStatus.running && rate > 0) {
                eta = Math.round(counts.pending() / rate);
            }
        }
        return new CampaignView(
                c.id(),
                c.name(),
                c.status(),
                c.statusReason(),
                c.templateId(),
                c.body(),
                c.variants(),
                c.audience(),
                c.channelIds(),
                c.scheduledAt(),
                c.pacing(),
                c.failureThreshold(),
                counts,
                rate,
                eta,
                c.nextSendAt(),
                c.startedAt(),
                c.finishedAt(),
                c.createdAt(),
                c.updatedAt());
    }

    /**
     * Stored dispatch outcomes from the recipient rows, plus what happened to accepted messages afterwards from
     * the campaign's messages (both ranges of a per-campaign index).
     */
    CampaignView.Counts counts(CampaignRecord c) {
        if (!c.materialised()) {
            return new CampaignView.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        Map<Stored, Long> stored = inTx(() -> recipients.countByStatus(c.id()));
        MessagingApi.CampaignMessageCounts m = stored.get(Stored.sent) == 0 && c.retriedLateFailures() == 0
                ? new MessagingApi.CampaignMessageCounts(0, 0, 0, 0)
                : messaging.campaignCounts(c.id());
        long lateFailed = Math.max(0, m.lateFailed() - c.retriedLateFailures());
        long total = stored.values().stream().mapToLong(Long::longValue).sum();
        // a message queued for the provider's retry is not out yet: its recipient counts as sending until it is
        long sent = Math.max(0, stored.get(Stored.sent) - lateFailed - m.retrying());
        return new CampaignView.Counts(
                total,
                stored.get(Stored.pending),
                stored.get(Stored.sending) + Math.min(m.retrying(), stored.get(Stored.sent)),
                sent,
                m.delivered(),
                m.read(),
                stored.get(Stored.failed) + lateFailed,
                stored.get(Stored.skipped),
                stored.get(Stored.unknown));
    }

    /** Publishes the campaign's progress (inside the caller's transaction when there is one). */
    void publishProgress(UUID id) {
        CampaignRecord c = campaigns.find(id).orElse(null);
        if (c == null) {
            return;
        }
        CampaignView v = view(c);
        events.publish(new RealtimeEvent.CampaignProgress(
                id,
                v.status().name(),
                v.counts().total(),
                v.counts().pending(),
                v.counts().sent(),
                v.counts().delivered(),
                v.counts().read(),
                v.counts().failed(),
                v.counts().skipped(),
                v.ratePerSecond()));
    }

    // ---- validation

    private void requirePlan() {
        tenancy.requireFeature("Campaigns", PlanLimits::campaigns);
    }

    private CampaignRecord.Fields validated(CampaignFields f) {
        if ((f.templateId() == null) == (f.body() == null || f.body().isBlank())) {
            throw ApiException.validation("templateId", "give either a templateId or a body, not both");
        }
        MessageBody main;
        if (f.templateId() != null) {
            try {
                main = MessageBody.parse(templates.get(f.templateId()).body(), "body");
            } catch (ApiException e) {
                throw ApiException.validation("templateId", "is not a template of this workspace");
            }
        } else {
            main = MessageBody.parse(Objects.requireNonNull(f.body()), "body"); // a syntax error answers 400
        }
        List<String> variants = validatedVariants(f.variants(), main);
        CampaignView.Audience audience = f.audience();
        List<UUID> contactIds = List.of();
        List<String> tags = List.of();
        switch (audience.kind()) {
            case all -> {}
            case audience -> {
                if (audience.audienceId() == null) {
                    throw ApiException.validation("audience.audienceId", "is required for an audience");
                }
                try {
                    contacts.countAudience(audience.audienceId());
                } catch (ApiException e) {
                    throw ApiException.validation("audience.audienceId", "is not an audience of this workspace");
                }
            }
            case tags -> {
                tags = audience.tags().stream()
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .distinct()
                        .toList();
                if (tags.isEmpty()) {
                    throw ApiException.validation("audience.tags", "must name at least one tag");
                }
            }
            case contacts -> {
                contactIds = List.copyOf(new LinkedHashSet<>(audience.contactIds()));
                if (contactIds.isEmpty() || contactIds.size() > MAX_CONTACT_IDS) {
                    throw ApiException.validation(
                            "audience.contactIds", "must list between 1 and " + MAX_CONTACT_IDS + " contacts");
                }
            }
        }
        CampaignView.Audience clean = new CampaignView.Audience(
                audience.kind(),
                audience.kind() == CampaignView.AudienceKind.audience ? audience.audienceId() : null,
                tags,
                audience.tagMatch(),
                contactIds);
        List<UUID> channelIds = List.copyOf(new LinkedHashSet<>(f.channelIds()));
        if (channelIds.isEmpty() || channelIds.size() > 100) {
            throw ApiException.validation("channelIds", "must list between 1 and 100 channels");
        }
        for (UUID channel : channelIds) {
            try {
                channels.get(channel); // another workspace's channel is not found, like a missing one
            } catch (ApiException e) {
                throw ApiException.validation(
                        "channelIds", "channel " + channel + " is not a channel of this workspace");
            }
        }
        return new CampaignRecord.Fields(
                f.name().strip(),
                f.templateId(),
                f.templateId() == null ? f.body() : null,
                variants,
                clean,
                channelIds,
                f.scheduledAt(),
                validatedPacing(f.pacing()),
                f.failureThreshold());
    }

    /** At most {@value #MAX_VARIANTS}, distinct, each valid and with exactly the main body's variables. */
    static List<String> validatedVariants(@Nullable List<String> given, MessageBody main) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        List<String> variants = given.stream()
                .map(v -> v == null ? "" : v.strip())
                .filter(v -> !v.isEmpty())
                .distinct()
                .toList();
        if (variants.size() > MAX_VARIANTS) {
            throw ApiException.validation("variants", "must list at most " + MAX_VARIANTS + " variants");
        }
        for (int i = 0; i < variants.size(); i++) {
            String field = "variants[" + i + "]";
            if (variants.get(i).length() > 4096) {
                throw ApiException.validation(field, "must be at most 4096 characters");
            }
            MessageBody variant = MessageBody.parse(variants.get(i), field);
            Set<String> missing = new TreeSet<>(main.variables());
            missing.removeAll(variant.variables());
            Set<String> extra = new TreeSet<>(variant.variables());
            extra.removeAll(main.variables());
            if (!missing.isEmpty() || !extra.isEmpty()) {
                throw ApiException.validation(
                        field,
                        "must use exactly the message's variables"
                                + (missing.isEmpty() ? "" : "; it lacks " + braces(missing))
                                + (extra.isEmpty() ? "" : "; it adds " + braces(extra)));
            }
        }
        return variants;
    }

    private static String braces(Set<String> names) {
        return names.stream().map(n -> "{{" + n + "}}").collect(java.util.stream.Collectors.joining(", "));
    }

    private CampaignView.Pacing validatedPacing(CampaignView.@Nullable Pacing p) {
        if (p == null) {
            return CampaignView.Pacing.none();
        }
        requireRange("pacing.delay", p.delayMinSeconds(), p.delayMaxSeconds(), 0, 3600);
        requireRange("pacing.batchPause", p.batchPauseMinMinutes(), p.batchPauseMaxMinutes(), 0, 1440);
        if ((p.batchPauseEvery() == null) != (p.batchPauseMinMinutes() == null)) {
            throw ApiException.validation(
                    "pacing.batchPauseEvery", "goes together with batchPauseMinMinutes and batchPauseMaxMinutes");
        }
        if (p.batchPauseEvery() != null && p.batchPauseEvery() < 1) {
            throw ApiException.validation("pacing.batchPauseEvery", "must be at least 1");
        }
        CampaignView.SendWindow window = p.window();
        if (window != null) {
            String zone = window.timeZone() == null || window.timeZone().isBlank()
                    ? tenancy.currentWorkspace().timeZone()
                    : window.timeZone();
            window = new CampaignView.SendWindow(
                    List.copyOf(new LinkedHashSet<>(window.days())), window.startHour(), window.endHour(), zone);
            SendWindows.validate(window);
        }
        return new CampaignView.Pacing(
                p.delayMinSeconds(),
                p.delayMaxSeconds(),
                p.batchPauseEvery(),
                p.batchPauseMinMinutes(),
                p.batchPauseMaxMinutes(),
                window);
    }

    private static void requireRange(String field, @Nullable Integer min, @Nullable Integer max, int low, int high) {
        if ((min == null) != (max == null)) {
            throw ApiException.validation(field, "needs both a minimum and a maximum");
        }
        if (min != null && max != null && (min < low || max > high || min > max)) {
            throw ApiException.validation(field, "needs " + low + " <= min <= max <= " + high);
        }
    }

    /** The real instant at which the campaign clock shows {@code at} (they differ only when a test moves it). */
    Instant realTime(@Nullable Instant at) {
        if (at == null) {
            return Instant.now();
        }
        return Instant.now().plus(Duration.between(clock.now(), at));
    }

    private static @Nullable UUID uuidCursor(@Nullable String cursor) {
        String key = Cursors.decode(cursor);
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned");
        }
    }

    @Override
    public long runningCount() {
        return inTx(() -> campaigns.countByStatus(CampaignStatus.running));
    }

    private <T> T inTx(Supplier<T> work) {
        return Objects.requireNonNull(tx.execute(s -> work.get()));
    }
}
