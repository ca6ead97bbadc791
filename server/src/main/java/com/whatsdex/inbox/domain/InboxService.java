package com.whatsdex.inbox.domain;

import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.ChannelView;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.inbox.ConversationDetail;
import com.whatsdex.inbox.ConversationView;
import com.whatsdex.inbox.InboxClock;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.messaging.OutboundMessages;
import com.whatsdex.messaging.OutboundRequest;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.templates.MessageBody;
import com.whatsdex.templates.TemplateView;
import com.whatsdex.templates.TemplatesApi;
import com.whatsdex.templates.Variables;
import com.whatsdex.tenancy.TenancyApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox's use cases. A reply goes through the channel that last interacted with the contact (an explicit channel
 * overrides it) and the one outbound pipeline; free text only inside WhatsApp's 24-hour window, an approved template
 * outside it.
 */
@Service
public class InboxService {

    /** WhatsApp's customer service window. */
    static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    /** How many contacts a search matches at most (by name/phone and by text, each). */
    private static final int SEARCH_MATCHES = 200;

    /** How the list is narrowed; every field is optional. {@code assignee} is a member id, {@code me} or {@code none}. */
    public record ListQuery(
            @Nullable UUID channelId,
            ConversationView.@Nullable Status status,
            boolean unreadOnly,
            @Nullable String assignee,
            @Nullable String search) {}

    /** A reply: free {@code text} or a {@code templateId} rendered for the contact. */
    public record Reply(
            @Nullable String text,
            @Nullable UUID templateId,
            @Nullable UUID channelId,
            @Nullable String clientKey) {}

    private final ConversationRepository conversations;
    private final ContactsApi contacts;
    private final ContactBatchApi contactBatches;
    private final ChannelsApi channels;
    private final MessagingApi messaging;
    private final OutboundMessages outbound;
    private final TemplatesApi templates;
    private final TenancyApi tenancy;
    private final RealtimeEvents realtime;
    private final InboxClock clock;
    private final TransactionTemplate tx;

    InboxService(
            ConversationRepository conversations,
            ContactsApi contacts,
            ContactBatchApi contactBatches,
            ChannelsApi channels,
            MessagingApi messaging,
            OutboundMessages outbound,
            TemplatesApi templates,
            TenancyApi tenancy,
            RealtimeEvents realtime,
            InboxClock clock,
            PlatformTransactionManager txManager) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.contactBatches = contactBatches;
        this.channels = channels;
        this.messaging = messaging;
        this.outbound = outbound;
        this.templates = templates;
        this.tenancy = tenancy;
        this.realtime = realtime;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    /** Latest activity first, in keyset pages; a search matches the contact's name or phone, or a message's text. */
    public PageResponse<ConversationView> list(
            ListQuery query, @Nullable UUID currentUser, @Nullable Integer limit, @Nullable String cursor) {
        int n = Cursors.limit(limit);
        UUID before = cursorId(cursor);
        boolean unassigned = "none".equals(query.assignee());
        UUID assignee = assigneeOf(query.assignee(), currentUser);
        List<UUID> matches = null;
        if (query.search() != null && !query.search().isBlank()) {
            String q = query.search().strip();
            List<UUID> found = new ArrayList<>(contacts.searchIds(q, SEARCH_MATCHES));
            for (UUID id : messaging.contactsMentioning(q, SEARCH_MATCHES)) {
                if (!found.contains(id)) {
                    found.add(id);
                }
            }
            matches = found;
        }
        ConversationRepository.Filter filter = new ConversationRepository.Filter(
                query.channelId(), query.status(), query.unreadOnly(), assignee, unassigned, matches);
        if (matches != null && matches.isEmpty()) {
            return new PageResponse<>(List.of(), null);
        }
        // one transaction for the page and what it shows of contacts and messages
        return read(() -> {
            PageResponse<ConversationRepository.Row> page = Cursors.page(
                    conversations.list(filter, before, n + 1),
                    n,
                    r -> r.sortKey().toString());
            return new PageResponse<>(views(page.items()), page.nextCursor());
        });
    }

    /** The conversation with its 24-hour window and reply channel; a contact never talked to has an empty one. */
    public ConversationDetail get(UUID contactId) {
        ContactRef contact = contacts.get(contactId);
        ConversationRepository.Row row =
                tx.execute(s -> conversations.find(contactId).orElse(null));
        ConversationView view =
                row == null ? empty(contact) : views(List.of(row)).getFirst();
        return new ConversationDetail(view, window(contact), replyChannel(contact));
    }

    /** The contact's messages of every channel, newest first. */
    public PageResponse<MessageView> thread(UUID contactId, @Nullable Integer limit, @Nullable String cursor) {
        contacts.get(contactId); // 404 for a contact this workspace does not have
        return messaging.thread(contactId, limit, cursor);
    }

    /** Opening a conversation reads it for the whole workspace; other dashboards hear of it. */
    public void markRead(UUID contactId) {
        contacts.get(contactId);
        tx.executeWithoutResult(s -> {
            if (conversations.markRead(contactId)) {
                conversations.find(contactId).ifPresent(r -> realtime.publish(updated(r)));
            }
        });
    }

    /** Closes, reopens or (un)assigns a conversation. */
    public ConversationDetail update(
            UUID contactId, ConversationView.@Nullable Status status, @Nullable UUID assigneeId, boolean unassign) {
        contacts.get(contactId);
        if (assigneeId != null && !tenancy.isMember(assigneeId)) {
            throw ApiException.validation("assigneeId", "is not a member of this workspace");
        }
        tx.executeWithoutResult(s -> {
            ConversationRepository.Row row = conversations
                    .find(contactId)
                    .orElseThrow(() -> ApiException.invalidState(
                            "There is no conversation with this contact yet; write to them or wait for them to write"));
            ConversationView.Status newStatus = status == null ? row.status() : status;
            UUID newAssignee = unassign ? null : assigneeId == null ? row.assigneeId() : assigneeId;
            conversations.update(contactId, newStatus, newAssignee);
            conversations.find(contactId).ifPresent(r -> realtime.publish(updated(r)));
        });
        return get(contactId);
    }

    /** How many conversations have unread messages. */
    public long unreadConversations() {
        return read(conversations::unreadConversations);
    }

    /**
     * Sends a reply through the outbound pipeline.
     *
     * @throws ApiException 404 for an unknown contact, channel or template; 409 {@code invalid_state} when the
     *     channel to use is deleted or not connected, 409 {@code outside_service_window} for free text (or a
     *     template without an approved WhatsApp template) more than 24 hours after the contact last wrote
     */
    public MessageView reply(UUID contactId, Reply reply) {
        boolean hasText = reply.text() != null && !reply.text().isBlank();
        if (hasText == (reply.templateId() != null)) {
            throw ApiException.validation("text", "send either text or a templateId");
        }
        ContactRef contact = contacts.get(contactId);
        // a channel that is not connected is refused by the outbound pipeline (409, nothing stored)
        ChannelView channel = reply.channelId() != null ? channels.get(reply.channelId()) : lastChannel(contact);
        boolean open = window(contact).open();
        OutboundRequest.Content content;
        if (hasText) {
            if (!open) {
                throw outsideWindow(contact, "Free text");
            }
            content = new OutboundRequest.Content.Text(
                    Objects.requireNonNull(reply.text()).strip());
        } else {
            content = templateContent(contact, templates.get(Objects.requireNonNull(reply.templateId())), open);
        }
        return outbound.send(new OutboundRequest(
                contactId, null, channel.id(), content, reply.clientKey(), null, OutboundRequest.Origin.inbox));
    }

    // ---- rules

    private ChannelView lastChannel(ContactRef contact) {
        if (contact.lastChannelId() == null) {
            throw ApiException.invalidState(
                    "No channel has talked to " + label(contact) + " yet; choose the channel to write from");
        }
        return existing(contact.lastChannelId())
                .orElseThrow(() -> ApiException.invalidState("The channel that last talked to " + label(contact)
                        + " was deleted; choose another channel to reply from"));
    }

    /** The channel, or empty when it was deleted (channels do not leave their message history behind). */
    private Optional<ChannelView> existing(UUID channelId) {
        try {
            return Optional.of(channels.get(channelId));
        } catch (ApiException e) {
            if (!"not_found".equals(e.code())) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private static String notConnected(ChannelView channel) {
        return "Channel " + channel.name() + " is " + channel.status()
                + (channel.statusReason() == null ? "" : " (" + channel.statusReason() + ")")
                + "; reconnect it or choose another channel";
    }

    private ConversationDetail.ServiceWindow window(ContactRef contact) {
        Instant last = contact.lastInboundAt();
        if (last == null) {
            return new ConversationDetail.ServiceWindow(null, null, false);
        }
        Instant closes = last.plus(SERVICE_WINDOW);
        return new ConversationDetail.ServiceWindow(last, closes, clock.now().isBefore(closes));
    }

    private ApiException outsideWindow(ContactRef contact, String what) {
        String since = contact.lastInboundAt() == null
                ? label(contact) + " has never written"
                : "more than 24 hours have passed since " + label(contact) + " last wrote";
        return new ApiException(
                HttpStatus.CONFLICT,
                "outside_service_window",
                what + " can only be sent within 24 hours of the contact's last message and " + since
                        + "; send an approved template instead");
    }

    private OutboundRequest.Content templateContent(ContactRef contact, TemplateView template, boolean open) {
        ContactBatchApi.ContactFields f =
                read(() -> contactBatches.fieldsOf(List.of(contact.id()))).get(contact.id());
        if (f == null) {
            throw ApiException.notFound("Contact");
        }
        Map<String, String> values = Variables.of(f.name(), f.phone(), f.email(), f.attributes());
        long seed = Variables.seed(contact.id(), template.id(), clock.now().toEpochMilli());
        if (!open) {
            TemplateView.Meta meta = template.meta();
            if (meta == null) {
                throw outsideWindow(
                        contact, "Template " + template.name() + " has no approved WhatsApp template, so it");
            }
            return new OutboundRequest.Content.Template(
                    meta.name(),
                    meta.language(),
                    meta.parameters().stream()
                            .map(p -> MessageBody.parse(p, "meta.parameters").render(values, seed))
                            .toList());
        }
        String text = MessageBody.parse(template.body(), "body").render(values, seed);
        TemplateView.Media media = template.media();
        return media == null
                ? new OutboundRequest.Content.Text(text)
                : new OutboundRequest.Content.Media(media.kind(), media.url(), text.isBlank() ? null : text, null);
    }

    private ConversationDetail.@Nullable ReplyChannel replyChannel(ContactRef contact) {
        UUID last = contact.lastChannelId();
        if (last == null) {
            return null;
        }
        return existing(last)
                .map(c -> new ConversationDetail.ReplyChannel(
                        c.id(),
                        c.name(),
                        c.status().name(),
                        c.status() == ChannelStatus.connected ? null : notConnected(c)))
                .orElseGet(() -> new ConversationDetail.ReplyChannel(
                        last,
                        null,
                        "deleted",
                        "The channel that last talked to this contact was deleted; choose another channel"));
    }

    // ---- views

    private List<ConversationView> views(List<ConversationRepository.Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, ContactRef> refs = read(() -> contactBatches.getAll(
                rows.stream().map(ConversationRepository.Row::contactId).toList()));
        Map<UUID, String> statuses = read(
                () -> messaging
                        .getAll(rows.stream()
                                .map(ConversationRepository.Row::lastMessageId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(MessageView::id, MessageView::status)));
        List<ConversationView> views = new ArrayList<>(rows.size());
        for (ConversationRepository.Row r : rows) {
            ContactRef c = refs.get(r.contactId());
            if (c == null) {
                continue; // deleted a moment ago
            }
            views.add(new ConversationView(
                    c.id(),
                    c.name(),
                    c.phone(),
                    c.optedOut(),
                    new ConversationView.LastMessage(
                            r.lastMessageId(),
                            r.lastDirection(),
                            r.lastType(),
                            r.lastPreview(),
                            r.lastChannelId(),
                            statuses.get(r.lastMessageId()),
                            r.lastMessageAt(),
                            r.lastCampaign()),
                    r.unreadCount(),
                    r.status(),
                    r.assigneeId()));
        }
        return views;
    }

    private static ConversationView empty(ContactRef c) {
        return new ConversationView(
                c.id(), c.name(), c.phone(), c.optedOut(), null, 0, ConversationView.Status.open, null);
    }

    private static RealtimeEvent.ConversationUpdated updated(ConversationRepository.Row r) {
        return new RealtimeEvent.ConversationUpdated(
                r.contactId(), r.unreadCount(), r.status().name(), r.assigneeId());
    }

    private static String label(ContactRef c) {
        return c.name() == null || c.name().isBlank() ? c.phone() : c.name();
    }

    private static @Nullable UUID assigneeOf(@Nullable String assignee, @Nullable UUID currentUser) {
        if (assignee == null || assignee.isBlank() || "none".equals(assignee)) {
            return null;
        }
        if ("me".equals(assignee)) {
            if (currentUser == null) {
                throw ApiException.validation("assignee", "\"me\" needs a signed-in member, not an API key");
            }
            return currentUser;
        }
        try {
            return UUID.fromString(assignee);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("assignee", "must be a member id, me or none");
        }
    }

    private static @Nullable UUID cursorId(@Nullable String cursor) {
        String key = Cursors.decode(cursor);
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned");
        }
    }

    private <T> T read(Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("An inbox query returned nothing");
        }
        return result;
    }
}
