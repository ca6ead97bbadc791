package com.whatsdex.messaging.domain;

import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of delivery statuses inside the caller's transaction with a fixed number of statements (lock the
 * batch's messages, write the changed ones, keep the unknown ones), whatever the batch size: status webhooks are
 * the bulk of the traffic.
 */
@Component
class StatusApplier {

    private final MessageRepository messages;
    private final RealtimeEvents realtime;

    StatusApplier(MessageRepository messages, RealtimeEvents realtime) {
        this.messages = messages;
        this.realtime = realtime;
    }

    /** @return how many messages changed */
    int apply(UUID tenantId, UUID channelId, List<StatusUpdate> updates) {
        if (updates.isEmpty()) {
            return 0;
        }
        Set<String> wamids = new LinkedHashSet<>();
        updates.forEach(u -> wamids.add(u.wamid()));
        messages.lockWamids(channelId, wamids); // before the lookup: see applyBacklog
        Map<String, MessageState> before = messages.lockOutbound(channelId, wamids);
        Map<String, MessageState> after = new LinkedHashMap<>(before);
        List<StatusUpdate> unknown = new ArrayList<>();
        for (StatusUpdate u : updates) {
            MessageState state = after.get(u.wamid());
            if (state == null) {
                unknown.add(u);
            } else {
                after.put(u.wamid(), state.apply(u));
            }
        }
        List<MessageState> changed = after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(Map.Entry::getValue)
                .toList();
        messages.updateStates(changed);
        messages.insertBacklog(
                tenantId,
                channelId,
                unknown,
                unknown.stream().map(u -> Ids.newId()).toList());
        realtime.publishAll(changed.stream()
                .map(s -> new RealtimeEvent.MessageStatus(
                        s.id(), s.contactId(), s.channelId(), s.status().name()))
                .toList());
        return changed.size();
    }

    /**
     * Applies the statuses that arrived before their message's wamid was recorded; called in the transaction that
     * records it. The wamids' locks make a concurrent status webhook either commit its backlog rows before this reads
     * the backlog, or look the wamids up only after this transaction committed them.
     *
     * @return how many waiting statuses there were
     */
    int applyBacklog(UUID tenantId, UUID channelId, java.util.Collection<String> wamids) {
        messages.lockWamids(channelId, wamids);
        List<StatusUpdate> waiting = messages.takeBacklog(channelId, wamids);
        if (!waiting.isEmpty()) {
            apply(tenantId, channelId, waiting);
        }
        return waiting.size();
    }
}
