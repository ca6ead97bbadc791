package com.whatsdex.realtime.internal;

import com.whatsdex.realtime.EventTooLargeException;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.TenantContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Component
final class PgNotifyRealtimeEvents implements RealtimeEvents {

    private final NotificationRepository repository;
    private final Notifications notifications;
    private final TransactionTemplate tx;

    PgNotifyRealtimeEvents(
            NotificationRepository repository, Notifications notifications, PlatformTransactionManager txManager) {
        this.repository = repository;
        this.notifications = notifications;
        // REQUIRED: join the caller's transaction so the event commits or rolls back with the change it reports
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public void publish(RealtimeEvent event) {
        UUID tenantId = TenantContext.requireTenantId();
        String payload = notifications.encode(tenantId, event);
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new EventTooLargeException(event.type(), bytes, MAX_PAYLOAD_BYTES);
        }
        tx.executeWithoutResult(status -> repository.notify(Notifications.CHANNEL, payload));
    }

    @Override
    public void publishAll(List<? extends RealtimeEvent> events) {
        UUID tenantId = TenantContext.requireTenantId();
        List<String> payloads = new ArrayList<>(events.size());
        for (RealtimeEvent event : events) {
            String payload = notifications.encode(tenantId, event);
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PAYLOAD_BYTES) {
                throw new EventTooLargeException(event.type(), bytes, MAX_PAYLOAD_BYTES);
            }
            payloads.add(payload);
        }
        if (!payloads.isEmpty()) {
            tx.executeWithoutResult(status -> repository.notifyAll(Notifications.CHANNEL, payloads));
        }
    }
}
