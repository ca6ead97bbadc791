package com.whatsdex.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The port through which channels drive the sandbox (the built-in Graph API emulator, module {@code sandbox}). Its
 * methods and records mirror the sandbox's own {@code SandboxApi} one to one, so the adapter is a field copy. The
 * sandbox keeps its numbers in memory: channels registers every sandbox channel again at start-up.
 */
public interface SandboxNumbers {

    /** Starts emulating a number; returns the Graph base URL to call it at. Registering again replaces it. */
    String register(Number number);

    void unregister(String phoneNumberId);

    /**
     * A simulated phone writes to the number; the sandbox delivers it to the number's webhook URL, signed.
     *
     * @param from E.164 digits without {@code +}
     * @return the inbound message's wamid
     */
    String inbound(String phoneNumberId, String from, String text);

    /** What simulated phones received from the number, newest first; {@code to} filters by recipient. */
    List<Delivery> deliveries(String phoneNumberId, @Nullable String to, int limit);

    record Number(
            String phoneNumberId,
            String displayPhoneNumber,
            String accessToken,
            String appSecret,
            String webhookUrl,
            Settings settings) {

        @Override
        public String toString() {
            return "Number[phoneNumberId=" + phoneNumberId + ", displayPhoneNumber=" + displayPhoneNumber
                    + ", webhookUrl=" + webhookUrl + ", settings=" + settings + "]";
        }
    }

    record Settings(
            double failureRate,
            int maxMessagesPerSecond,
            boolean enforceServiceWindow,
            Duration sentDelay,
            Duration deliveredDelay,
            Duration readDelay) {}

    record Delivery(
            String wamid,
            String to,
            String type,
            @Nullable String text,
            @Nullable String templateName,
            @Nullable String mediaLink,
            String status,
            Instant acceptedAt,
            @Nullable Instant deliveredAt,
            @Nullable Instant readAt,
            @Nullable Integer errorCode) {}
}
