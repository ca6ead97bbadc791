package com.whatsdex.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.campaigns.CampaignView.SendWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendWindowsTests {

    // weekdays 09:00-17:00 in Lagos (UTC+1, no daylight saving)
    private static final SendWindow OFFICE = new SendWindow(
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            9,
            17,
            "Africa/Lagos");

    @Test
    void isOpenOnlyOnItsDaysBetweenItsHoursInItsZone() {
        // Wednesday 2026-11-25
        assertThat(SendWindows.isOpen(OFFICE, Instant.parse("2026-11-25T08:00:00Z")))
                .isTrue(); // 09:00 Lagos
        assertThat(SendWindows.isOpen(OFFICE, Instant.parse("2026-11-25T07:59:59Z")))
                .isFalse();
        assertThat(SendWindows.isOpen(OFFICE, Instant.parse("2026-11-25T15:59:59Z")))
                .isTrue();
        assertThat(SendWindows.isOpen(OFFICE, Instant.parse("2026-11-25T16:00:00Z")))
                .isFalse(); // 17:00 Lagos
        assertThat(SendWindows.isOpen(OFFICE, Instant.parse("2026-11-28T10:00:00Z")))
                .isFalse(); // Saturday
    }

    @Test
    void nextOpeningIsLaterTodayTheNextDayOrAfterTheWeekend() {
        assertThat(SendWindows.nextOpening(OFFICE, Instant.parse("2026-11-25T06:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(SendWindows.nextOpening(OFFICE, Instant.parse("2026-11-25T18:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
        // Friday evening: Monday morning
        assertThat(SendWindows.nextOpening(OFFICE, Instant.parse("2026-11-27T17:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        Instant open = Instant.parse("2026-11-25T12:00:00Z");
        assertThat(SendWindows.nextOpening(OFFICE, open)).isEqualTo(open);
    }

    @Test
    void followsDaylightSavingInTheWindowsZone() {
        SendWindow berlin = new SendWindow(List.of(DayOfWeek.values()), 9, 10, "Europe/Berlin");
        // summer: UTC+2, winter: UTC+1
        assertThat(SendWindows.nextOpening(berlin, Instant.parse("2026-07-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
        assertThat(SendWindows.nextOpening(berlin, Instant.parse("2026-12-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }
}
