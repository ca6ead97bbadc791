package com.whatsdex.channels;

/**
 * How a sandbox channel's simulated phones behave.
 *
 * @param failureRate share of sends that fail, 0 to 1
 * @param maxMessagesPerSecond the emulated Graph API's throughput; faster sends get Meta's 130429
 * @param enforceServiceWindow whether free-form messages outside WhatsApp's 24-hour window are refused (off by
 *     default, so a demo campaign to freshly imported contacts works)
 */
public record SandboxConfig(double failureRate, int maxMessagesPerSecond, boolean enforceServiceWindow) {

    public static final SandboxConfig DEFAULT = new SandboxConfig(0.0, 80, false);

    public SandboxConfig {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1");
        }
        if (maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("maxMessagesPerSecond must be positive");
        }
    }
}
