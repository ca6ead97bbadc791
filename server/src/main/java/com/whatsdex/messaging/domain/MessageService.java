package com.whatsdex.messaging.domain;

import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.shared.TenantContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading messages and their media, and the {@link MessagingApi} for other modules. */
@Service
public class MessageService implements MessagingApi {

    /** A stored media file to stream to the dashboard. */
    public record MediaFile(
            java.nio.file.Path path,
            String mimeType,
            @Nullable String filename) {}

    private final MessageRepository messages;
    private final StatusApplier statuses;
    private final MediaStore media;
    private final TransactionTemplate tx;

    MessageService(
            MessageRepository messages,
            StatusApplier statuses,
            MediaStore media,
            PlatformTransactionManager txManager) {
        this.messages = messages;
        this.statuses = statuses;
        this.media = media;
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public int applyBacklog(UUID channelId, Collection<String> wamids) {
        if (wamids.isEmpty()) {
            return 0;
        }
        UUID tenantId = TenantContext.requireTenantId();
        Integer applied = tx.execute(s -> statuses.applyBacklog(tenantId, channelId, wamids));
        return applied == null ? 0 : applied;
    }

    /** Statuses wait a day for their message; after that the message was not sent by us. */
    static final int BACKLOG_HOURS = 24;

    public int forgetStaleBacklog(UUID workspaceId) {
        Integer deleted = TenantContext.callAs(
                workspaceId, () -> tx.execute(s -> messages.deleteBacklogOlderThan(BACKLOG_HOURS)));
        return deleted == null ? 0 : deleted;
    }

    @Override
    public List<MessageView> getAll(List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        List<MessageView> found = tx.execute(s -> messages.findAll(messageIds));
        Map<UUID, MessageView> byId = new HashMap<>();
        (found == null ? List.<MessageView>of() : found).forEach(m -> byId.put(m.id(), m));
        return messageIds.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    @Override
    public Map<String, UUID> idsByClientKeys(Collection<String> clientKeys) {
        if (clientKeys.isEmpty()) {
            return Map.of();
        }
        return Objects.requireNonNull(tx.execute(s -> messages.idsByClientKeys(clientKeys)));
    }

    @Override
    public CampaignMessageCounts campaignCounts(UUID campaignId) {
        return Objects.requireNonNull(tx.execute(s -> messages.campaignCounts(campaignId)));
    }

    @Override
    public List<UUID> lateFailedCampaignMessages(UUID campaignId) {
        return Objects.requireNonNull(tx.execute(s -> messages.lateFailedCampaignMessages(campaignId)));
    }

    @Override
    public long lateFailedCampaignCount(UUID campaignId) {
        return Objects.requireNonNull(tx.execute(s -> messages.lateFailedCampaignCount(campaignId)));
    }

    @Override
    public MessageView get(UUID messageId) {
        MessageView view = tx.execute(s -> messages.find(messageId).orElse(null));
        if (view == null) {
            throw ApiException.notFound("Message");
        }
        return view;
    }

    @Override
    public PageResponse<MessageView> thread(UUID contactId, @Nullable Integer limit, @Nullable String cursor) {
        return list(null, contactId, limit, cursor);
    }

    @Override
    public List<MessageView> recent(int limit) {
        List<MessageView> rows = tx.execute(s -> messages.list(null, null, null, limit));
        return rows == null ? List.of() : rows;
    }

    @Override
    public Optional<java.nio.file.Path> mediaFile(UUID messageId) {
        return media.file(messageId);
    }

    @Override
    public void restoreMedia(UUID messageId, java.io.InputStream content) throws java.io.IOException {
        media.restore(messageId, content);
    }

    @Override
    public Optional<Instant> lastInboxReplyAt(UUID contactId) {
        Optional<Instant> at = tx.execute(s -> messages.lastInboxReplyAt(contactId));
        return at == null ? Optional.empty() : at;
    }

    @Override
    public List<UUID> contactsMentioning(String text, int limit) {
        List<UUID> found = tx.execute(s -> messages.contactsMentioning(text, TEXT_SEARCH_DEPTH, limit));
        return found == null ? List.of() : found;
    }

    public PageResponse<MessageView> list(
            @Nullable UUID channelId, @Nullable UUID contactId, @Nullable Integer limit, @Nullable String cursor) {
        int n = Cursors.limit(limit);
        String key = Cursors.decode(cursor);
        UUID before;
        try {
            before = key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned");
        }
        List<MessageView> rows = tx.execute(s -> messages.list(channelId, contactId, before, n + 1));
        return Cursors.page(rows == null ? List.of() : rows, n, m -> m.id().toString());
    }

    /** @throws ApiException not_found unless the workspace has the message and its file is stored */
    public MediaFile media(UUID messageId) {
        MediaStore.StoredFile f = media.open(messageId);
        return new MediaFile(f.path(), f.mimeType(), f.filename());
    }
}
