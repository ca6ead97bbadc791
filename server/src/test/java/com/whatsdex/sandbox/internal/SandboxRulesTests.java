package com.whatsdex.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.whatsdex.sandbox.SandboxSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sandbox's pure rules: the throughput limiter, the always-fail numbers, the settings' invariants. */
class SandboxRulesTests {

    private static final long MS = 1_000_000L;

    @Test
    void limiterAllowsMaxPerSlidingSecond() {
        ThroughputLimiter limiter = new ThroughputLimiter(3);
        long t = 5_000 * MS;

        assertThat(limiter.tryAcquire(t)).isTrue();
        assertThat(limiter.tryAcquire(t + 100 * MS)).isTrue();
        assertThat(limiter.tryAcquire(t + 200 * MS)).isTrue();
        assertThat(limiter.tryAcquire(t + 999 * MS)).isFalse();
        // the first permit is a second old: one slot frees, not three (a fixed window would allow three)
        assertThat(limiter.tryAcquire(t + 1000 * MS)).isTrue();
        assertThat(limiter.tryAcquire(t + 1050 * MS)).isFalse();
        assertThat(limiter.tryAcquire(t + 1100 * MS)).isTrue();
    }

    @Test
    void refusedAttemptsDoNotUseUpTheLimit() {
        ThroughputLimiter limiter = new ThroughputLimiter(1);
        long t = 0;

        assertThat(limiter.tryAcquire(t)).isTrue();
        for (int i = 1; i < 10; i++) {
            assertThat(limiter.tryAcquire(t + i * 10 * MS)).isFalse();
        }
        assertThat(limiter.tryAcquire(t + 1000 * MS)).isTrue();
    }

    @Test
    void zeroMeansUnlimited() {
        ThroughputLimiter limiter = new ThroughputLimiter(0);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire(0)).isTrue();
        }
    }

    @Test
    void documentedNumbersAlwaysFail() {
        assertThat(AlwaysFail.errorFor("2348010000000", false)).isEqualTo(MetaErrors.UNDELIVERABLE);
        assertThat(AlwaysFail.errorFor("2348010000000", true)).isEqualTo(MetaErrors.UNDELIVERABLE);
        assertThat(AlwaysFail.errorFor("2348010000001", true)).isEqualTo(MetaErrors.MARKETING_OPT_OUT);
        assertThat(AlwaysFail.errorFor("2348010000001", false)).isNull();
        assertThat(AlwaysFail.errorFor("2348012345678", true)).isNull();
        assertThat(MetaErrors.UNDELIVERABLE.code()).isEqualTo(131026);
        assertThat(MetaErrors.MARKETING_OPT_OUT.code()).isEqualTo(131050);
        assertThat(MetaErrors.REENGAGEMENT.code()).isEqualTo(131047);
    }

    @Test
    void settingsRefuseImpossibleValues() {
        SandboxSettings defaults = SandboxSettings.defaults();

        assertThat(defaults.enforceServiceWindow()).isFalse();
        assertThat(defaults.maxMessagesPerSecond()).isZero();
        assertThatThrownBy(() -> defaults.withFailureRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withFailureRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxMessagesPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withDelays(Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
