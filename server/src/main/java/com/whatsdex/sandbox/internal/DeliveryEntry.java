package com.whatsdex.sandbox.internal;

import com.whatsdex.sandbox.SandboxDelivery;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A send's record, moved forward by the scheduler thread as its statuses go out, read by other threads. */
final class DeliveryEntry {

    final String wamid;
    final String to;
    final String type;
    final @Nullable String text;
    final @Nullable String templateName;
    final @Nullable String mediaLink;
    final Instant acceptedAt;
    private volatile String status = "accepted";
    private volatile @Nullable Instant deliveredAt;
    private volatile @Nullable Instant readAt;
    private volatile @Nullable Integer errorCode;

    DeliveryEntry(
            String wamid,
            String to,
            String type,
            @Nullable String text,
            @Nullable String templateName,
            @Nullable String mediaLink,
            Instant acceptedAt) {
        this.wamid = wamid;
        this.to = to;
        this.type = type;
        this.text = text;
        this.templateName = templateName;
        this.mediaLink = mediaLink;
        this.acceptedAt = acceptedAt;
    }

    void moveTo(String newStatus, Instant at) {
        switch (newStatus) {
            case "delivered" -> deliveredAt = at;
            case "read" -> readAt = at;
            default -> {}
        }
        status = newStatus;
    }

    void fail(int code) {
        errorCode = code;
        status = "failed";
    }

    SandboxDelivery view() {
        return new SandboxDelivery(
                wamid, to, type, text, templateName, mediaLink, status, acceptedAt, deliveredAt, readAt, errorCode);
    }
}
