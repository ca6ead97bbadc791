package com.whatsdex.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageLevelTests {

    @Test
    void countersWarnAtEightyPercentAndReportReachedAtTheLimit() {
        assertThat(AnalyticsService.counter("m", "M", 799, 1000).level()).isEqualTo("ok");
        assertThat(AnalyticsService.counter("m", "M", 800, 1000).level()).isEqualTo("warning");
        assertThat(AnalyticsService.counter("m", "M", 999, 1000).percent()).isEqualTo(99.9);
        assertThat(AnalyticsService.counter("m", "M", 1000, 1000).level()).isEqualTo("reached");
        assertThat(AnalyticsService.counter("m", "M", 1200, 1000).level()).isEqualTo("reached");
        assertThat(AnalyticsService.counter("m", "M", 5, 0).level())
                .as("no limit")
                .isEqualTo("ok");
    }

    @Test
    void uuidBoundsOrderLikeTheIdsTheyBracket() {
        long ms = 1_790_000_000_000L;
        java.util.UUID low = Uuid7Bounds.at(ms);
        java.util.UUID id = new java.util.UUID((ms << 16) | 0x7000L, 0x8000000000000000L);
        java.util.UUID next = Uuid7Bounds.at(ms + 1);
        // PostgreSQL compares uuids as unsigned bytes: the most significant long decides here
        assertThat(Long.compareUnsigned(low.getMostSignificantBits(), id.getMostSignificantBits()))
                .isNegative();
        assertThat(Long.compareUnsigned(id.getMostSignificantBits(), next.getMostSignificantBits()))
                .isNegative();
    }
}
