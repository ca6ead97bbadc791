package com.whatsdex.realtime.internal;

import com.whatsdex.realtime.EventTooLargeException;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.TransactionScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes through PostgreSQL NOTIFY, after the publishing transaction commits. A NOTIFY inside a transaction makes
 * PostgreSQL hold one database-wide lock from the commit's start until its WAL record is on disk, so every
 * event-publishing transaction (each status webhook, each send) committed one after another at the disk's flush
 * rate: measured as the top wait under load. Instead the events of a transaction are collected and, once it has
 * committed, sent in one short transaction of their own that does not wait for the disk (a notification is not
 * durable anyway). A transaction that rolls back publishes nothing; outside a transaction events go out at once.
 */
@Component
final class PgNotifyRealtimeEvents implements RealtimeEvents {

    private final NotificationRepository repository;
    private final Notifications notifications;
    private final TransactionTemplate own;

    PgNotifyRealtimeEvents(
            NotificationRepository repository, Notifications notifications, PlatformTransactionManager txManager) {
        this.repository = repository;
        this.notifications = notifications;
        // after the caller's commit its connection is still bound: the notifications need their own transaction
        this.own = new TransactionTemplate(txManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void publish(RealtimeEvent event) {
        publishAll(List.of(event));
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
        if (payloads.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(payloads);
            return;
        }
        TransactionScoped.find(Pending.class, p -> p.owner == this, () -> new Pending(this))
                .payloads
                .addAll(payloads);
    }

    private void send(List<String> payloads) {
        own.executeWithoutResult(status -> repository.notifyAllWithoutWaitingForDisk(Notifications.CHANNEL, payloads));
    }

    /** The events of one transaction, sent after it commits. */
    private static final class Pending implements TransactionSynchronization {
        final PgNotifyRealtimeEvents owner;
        final List<String> payloads = new ArrayList<>();

        Pending(PgNotifyRealtimeEvents owner) {
            this.owner = owner;
        }

        @Override
        public void afterCommit() {
            owner.send(payloads);
        }
    }
}
