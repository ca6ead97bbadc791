package com.whatsdex.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobsRetryPolicyTests {

    @Test
    void doublesTheBackoffPerFailureUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoffAfter(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoffAfter(1_000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void allowsRetriesUntilMaxAttemptsRan() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(policy.allowsRetryAfter(1)).isTrue();
        assertThat(policy.allowsRetryAfter(2)).isTrue();
        assertThat(policy.allowsRetryAfter(3)).isFalse();
    }

    @Test
    void rejectsPoliciesThatCannotWork() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsJobNamesThatAreNotPlain() {
        assertThatThrownBy(() -> RecurringJob.fixedDelay("Bad Name", WorkerGroup.ai, Duration.ofSeconds(1), ctx -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
