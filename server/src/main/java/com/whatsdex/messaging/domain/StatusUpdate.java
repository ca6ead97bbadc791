package com.whatsdex.messaging.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One delivery status Meta reported for an outbound message. */
public record StatusUpdate(
        String wamid,
        DeliveryStatus status,
        Instant timestamp,
        @Nullable String errorCode,
        @Nullable String errorTitle,
        @Nullable String errorDetail) {}
