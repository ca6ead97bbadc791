package com.whatsdex.realtime;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the dashboard is told in real time: ids and small counters, never rows (a notification holds under 8000
 * bytes). On receipt the dashboard refetches what it shows. The workspace is implicit: a stream only ever carries
 * events of its own workspace.
 */
public sealed interface RealtimeEvent {

    /** The SSE event name, also the {@code type} field of the event's data. */
    String type();

    @Schema(name = "CampaignProgressEvent", description = "campaign.progress: a campaign's counters moved")
    record CampaignProgress(
            UUID campaignId,
            String status,
            long total,
            long pending,
            long sent,
            long delivered,
            long read,
            long failed,
            long skipped,
            double ratePerSecond)
            implements RealtimeEvent {

        public static final String TYPE = "campaign.progress";

        @Override
        public String type() {
            return TYPE;
        }
    }

    @Schema(name = "ImportProgressEvent", description = "import.progress: a contact import advanced")
    record ImportProgress(
            UUID importId,
            String status,
            long processed,
            @Nullable Long total,
            long created,
            long updated,
            long skipped,
            long rejected,

            @Schema(description = "how much of the file has been read, 0 to 100")
            int percent)
            implements RealtimeEvent {

        public static final String TYPE = "import.progress";

        @Override
        public String type() {
            return TYPE;
        }
    }

    @Schema(name = "MessageReceivedEvent", description = "message.received: a customer wrote")
    record MessageReceived(UUID messageId, UUID contactId, UUID channelId) implements RealtimeEvent {

        public static final String TYPE = "message.received";

        @Override
        public String type() {
            return TYPE;
        }
    }

    @Schema(name = "MessageStatusEvent", description = "message.status: an outbound message moved forward")
    record MessageStatus(UUID messageId, UUID contactId, UUID channelId, String status) implements RealtimeEvent {

        public static final String TYPE = "message.status";

        @Override
        public String type() {
            return TYPE;
        }
    }

    @Schema(
            name = "ConversationUpdatedEvent",
            description = "conversation.updated: a conversation was read, closed, reopened or assigned")
    record ConversationUpdated(
            UUID contactId,
            int unreadCount,
            String status,
            @Nullable UUID assigneeId) implements RealtimeEvent {

        public static final String TYPE = "conversation.updated";

        @Override
        public String type() {
            return TYPE;
        }
    }

    @Schema(
            name = "AgentActivityEvent",
            description = "agent.activity: a customer's message waits for an AI agent's answer (pending), or the"
                    + " agent replied, skipped it, or handed the conversation to a human")
    record AgentActivity(UUID replyId, UUID agentId, UUID contactId, String status, boolean needsHuman)
            implements RealtimeEvent {

        public static final String TYPE = "agent.activity";

        @Override
        public String type() {
            return TYPE;
        }
    }

    @Schema(name = "ChannelStatusEvent", description = "channel.status: a channel connected, failed or was paused")
    record ChannelStatus(
            UUID channelId, String status, @Nullable String reason) implements RealtimeEvent {

        public static final String TYPE = "channel.status";

        @Override
        public String type() {
            return TYPE;
        }
    }

    @Schema(name = "BackupStatusEvent", description = "backup.status: a backup started, finished or failed")
    record BackupStatus(
            UUID backupId,
            String status,
            @Nullable Long sizeBytes,
            @Nullable String error) implements RealtimeEvent {

        public static final String TYPE = "backup.status";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
