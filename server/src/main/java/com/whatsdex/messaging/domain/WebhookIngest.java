package com.whatsdex.messaging.domain;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.messaging.InboundMessageReceived;
import com.whatsdex.messaging.WebhookReceiver;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives a WhatsApp webhook for a channel: verifies it, then stores everything it carries in one transaction as
 * the channel's workspace, so Meta gets its 200 only for what is committed (and redelivers anything else). Webhooks
 * of one workspace arriving while its previous transaction is being written share the next one.
 */
@Service
public class WebhookIngest implements WebhookReceiver {

    private static final Logger log = LoggerFactory.getLogger(WebhookIngest.class);

    private final ChannelsApi channels;
    private final ContactsApi contacts;
    private final ContactBatchApi contactBatches;
    private final MessageRepository messages;
    private final StatusApplier statuses;
    private final RealtimeEvents realtime;
    private final JobScheduler jobs;
    private final TenantTask<MediaDownload> mediaDownload;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final UsageApi usage;
    private final ApplicationEventPublisher events;
    private final GroupCommit<UUID, Delivery, Boolean> batches;

    /** One verified webhook's content for a channel. */
    private record Delivery(UUID channelId, WebhookParser.Parsed parsed) {}

    /** An inbound message and the channel it came to. */
    private record Inbound(UUID channelId, InboundMessage message) {}

    WebhookIngest(
            ChannelsApi channels,
            ContactsApi contacts,
            ContactBatchApi contactBatches,
            MessageRepository messages,
            StatusApplier statuses,
            RealtimeEvents realtime,
            JobScheduler jobs,
            TenantTask<MediaDownload> mediaDownload,
            JsonMapper json,
            PlatformTransactionManager txManager,
            UsageApi usage,
            ApplicationEventPublisher events,
            MessagingProperties props,
            MeterRegistry meters) {
        this.usage = usage;
        this.events = events;
        this.channels = channels;
        this.contacts = contacts;
        this.contactBatches = contactBatches;
        this.messages = messages;
        this.statuses = statuses;
        this.realtime = realtime;
        this.jobs = jobs;
        this.mediaDownload = mediaDownload;
        this.json = json;
        this.tx = new TransactionTemplate(txManager);
        DistributionSummary batchSizes = DistributionSummary.builder("whatsdex.webhooks.batch")
                .description("Webhooks of one workspace stored together in one transaction")
                .register(meters);
        this.batches = new GroupCommit<>(props.webhookBatch(), true, (tenantId, deliveries) -> {
            batchSizes.record(deliveries.size());
            store(tenantId, deliveries);
            return Collections.nCopies(deliveries.size(), true);
        });
    }

    @Override
    public void receive(String channelId, InputStream in, @Nullable String signature) throws IOException {
        UUID id;
        try {
            id = UUID.fromString(channelId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Channel"); // a malformed id names no channel
        }
        byte[] body = in.readNBytes(MAX_BODY + 1); // the raw bytes: the signature covers them, not re-serialised JSON
        if (body.length > MAX_BODY) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The body is over 1 MB");
        }
        receive(id, body, signature);
    }

    /**
     * @throws ApiException not_found for an unknown channel, unauthenticated for a bad or missing signature,
     *     bad_request for a body that is not a JSON object; in each case nothing is stored
     */
    public void receive(UUID channelId, byte[] body, @Nullable String signature) {
        // both lookups run outside any transaction: verifySignature sets up its own, as the channel's workspace
        UUID tenantId = channels.workspaceOf(channelId).orElseThrow(() -> ApiException.notFound("Channel"));
        if (!channels.verifySignature(channelId, body, signature)) {
            // never the body: it is unauthenticated input and may hold customers' messages
            log.warn(
                    "Refused a webhook for channel {}: {} signature", channelId, signature == null ? "missing" : "bad");
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED, "unauthenticated", "The X-Hub-Signature-256 signature does not match");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The body is not a JSON object");
        }
        WebhookParser.Parsed parsed = WebhookParser.parse(root);
        if (parsed.messages().isEmpty() && parsed.statuses().isEmpty()) {
            return;
        }
        batches.submit(tenantId, new Delivery(channelId, parsed));
    }

    /**
     * Stores the webhooks of one workspace that arrived together in one transaction (see {@link GroupCommit}). Its
     * locks are taken in one order whatever the arrival order, so two such transactions (another instance's) wait
     * for each other instead of deadlocking: contacts by phone, message rows by channel and wamid.
     */
    private void store(UUID tenantId, List<Delivery> deliveries) {
        List<Inbound> inbound = new ArrayList<>();
        Map<UUID, List<StatusUpdate>> statusesByChannel = new TreeMap<>();
        for (Delivery d : deliveries) {
            d.parsed().messages().forEach(m -> inbound.add(new Inbound(d.channelId(), m)));
            if (!d.parsed().statuses().isEmpty()) {
                statusesByChannel
                        .computeIfAbsent(d.channelId(), c -> new ArrayList<>())
                        .addAll(d.parsed().statuses());
            }
        }
        inbound.sort(Comparator.comparing(i -> i.message().phone())); // stable: one phone's messages keep their order
        TenantContext.runAs(
                tenantId,
                () -> tx.executeWithoutResult(s -> {
                    storeMessages(tenantId, inbound);
                    statusesByChannel.forEach((channelId, updates) -> statuses.apply(tenantId, channelId, updates));
                }));
    }

    /**
     * A fixed number of statements whatever the batch holds: the senders' contacts with their interaction times, the
     * messages (each statement also fires the inbox's and the statistics' statement triggers once). Then, per message
     * stored now (not a redelivery), in arrival order: opt-out keywords, the media download, the events.
     */
    private void storeMessages(UUID tenantId, List<Inbound> inbound) {
        if (inbound.isEmpty()) {
            return;
        }
        Map<String, ContactBatchApi.Sender> senders = new LinkedHashMap<>();
        for (Inbound in : inbound) {
            // per phone: its first profile name (a later message's fills in where the earlier ones had none), and
            // its newest message's channel and time (the later one of equal times)
            InboundMessage m = in.message();
            ContactBatchApi.Sender earlier = senders.get(m.phone());
            if (earlier == null) {
                senders.put(
                        m.phone(),
                        new ContactBatchApi.Sender(m.phone(), m.profileName(), in.channelId(), m.timestamp()));
                continue;
            }
            boolean newer = !m.timestamp().isBefore(Objects.requireNonNull(earlier.at()));
            senders.put(
                    m.phone(),
                    new ContactBatchApi.Sender(
                            m.phone(),
                            earlier.profileName() != null ? earlier.profileName() : m.profileName(),
                            newer ? in.channelId() : earlier.channelId(),
                            newer ? m.timestamp() : earlier.at()));
        }
        Map<String, ContactRef> contactsByPhone = contactBatches.findOrCreateSenders(List.copyOf(senders.values()));
        List<MessageRepository.NewInbound> rows = new ArrayList<>(inbound.size());
        for (Inbound in : inbound) {
            ContactRef contact = contactsByPhone.get(in.message().phone());
            rows.add(new MessageRepository.NewInbound(Ids.newId(), in.channelId(), contact.id(), in.message()));
        }
        Set<UUID> stored = messages.insertInboundAll(tenantId, rows);
        List<MessageRepository.NewInbound> received =
                rows.stream().filter(r -> stored.contains(r.id())).toList();
        if (received.isEmpty()) {
            return; // redeliveries only: stored the first time, announced the first time
        }
        for (MessageRepository.NewInbound r : received) {
            InboundMessage m = r.message();
            if ("text".equals(m.type())) {
                Optional<Boolean> optOut = OptOutKeywords.decision(m.body());
                optOut.ifPresent(out -> contacts.setOptedOut(r.contactId(), out, m.timestamp()));
            }
            if (m.hasDownloadableMedia()) {
                jobs.scheduleNow(mediaDownload, r.id().toString(), new MediaDownload(tenantId, r.id()));
            }
            realtime.publish(new RealtimeEvent.MessageReceived(r.id(), r.contactId(), r.channelId()));
            String text = m.body() != null ? m.body() : m.mediaCaption() != null ? m.mediaCaption() : m.replyTitle();
            events.publishEvent(new InboundMessageReceived(
                    tenantId, r.id(), r.contactId(), r.channelId(), m.type(), text, m.timestamp()));
        }
        usage.record(UsageMetric.messages_received, received.size()); // same transaction: counted once, with the rows
    }
}
