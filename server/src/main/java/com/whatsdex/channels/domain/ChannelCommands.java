package com.whatsdex.channels.domain;

import com.whatsdex.channels.ChannelProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The channel use cases' inputs, validated at the HTTP boundary; what depends on the provider, in the service. */
public final class ChannelCommands {

    private ChannelCommands() {}

    /**
     * A provider's settings. Cloud API channels need {@code phoneNumberId}, {@code wabaId}, {@code accessToken} and
     * {@code appSecret}; sandbox channels take only the {@code failureRate}, {@code maxMessagesPerSecond} and
     * {@code enforceServiceWindow} settings of their simulated phones.
     */
    public record ChannelConfig(
            @Nullable @Pattern(regexp = "\\d{1,32}", message = "must be the numeric phone number id from Meta")
            String phoneNumberId,

            @Nullable @Pattern(regexp = "\\d{1,32}", message = "must be the numeric WhatsApp Business Account id")
            String wabaId,

            @Nullable @Size(max = 4096, message = "must be at most 4096 characters")
            String accessToken,

            @Nullable @Size(max = 256, message = "must be at most 256 characters")
            String appSecret,

            @Nullable @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
            String verifyToken,

            @Nullable @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") @Size(max = 500)
            String graphBaseUrl,

            @Nullable
            @Min(value = 1, message = "must be at least 1")
            @Max(value = 1000, message = "must be at most 1000")
            Integer ratePerSecond,

            @Nullable
            @DecimalMin(value = "0.0", message = "must be between 0 and 1")
            @DecimalMax(value = "1.0", message = "must be between 0 and 1")
            Double failureRate,

            @Nullable
            @Min(value = 1, message = "must be at least 1")
            @Max(value = 1000, message = "must be at most 1000")
            Integer maxMessagesPerSecond,

            @Nullable Boolean enforceServiceWindow) {

        /** Spring logs request bodies at TRACE: the secrets show only whether they were given. */
        @Override
        public String toString() {
            return "ChannelConfig[phoneNumberId=" + phoneNumberId + ", wabaId=" + wabaId + ", accessToken="
                    + redacted(accessToken) + ", appSecret=" + redacted(appSecret) + ", verifyToken="
                    + redacted(verifyToken) + ", graphBaseUrl=" + graphBaseUrl + ", ratePerSecond=" + ratePerSecond
                    + ", failureRate=" + failureRate + ", maxMessagesPerSecond=" + maxMessagesPerSecond
                    + ", enforceServiceWindow=" + enforceServiceWindow + "]";
        }

        private static @Nullable String redacted(@Nullable String secret) {
            return secret == null ? null : "[redacted]";
        }

        public static ChannelConfig empty() {
            return new ChannelConfig(null, null, null, null, null, null, null, null, null, null);
        }
    }

    public record CreateChannelCmd(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @NotNull(message = "is required") ChannelProvider provider,

            @Nullable @Valid ChannelConfig config) {}

    /** One-click sandbox channel; the name defaults to "Sandbox". */
    public record CreateSandboxChannelCmd(
            @Nullable @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
            String name) {}

    /** Absent fields keep their value; secrets given here replace the stored ones. */
    public record UpdateChannelCmd(
            @Nullable @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
            String name,

            @Nullable
            @Min(value = 1, message = "must be at least 1")
            @Max(value = 1000, message = "must be at most 1000")
            Integer ratePerSecond,

            @Nullable @Valid ChannelConfig config) {}

    public record SandboxInboundCmd(
            @NotBlank(message = "is required")
            @Pattern(
                    regexp = "\\+?\\d{6,15}",
                    message = "must be a phone number in international format, e.g. 15551234567")
            String from,

            @NotBlank(message = "is required") @Size(max = 4096, message = "must be at most 4096 characters")
            String text) {}
}
