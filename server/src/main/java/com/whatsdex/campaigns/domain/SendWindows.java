package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignView.SendWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** When a send window is open, in its own time zone (daylight saving included). */
final class SendWindows {

    private SendWindows() {}

    static boolean isOpen(SendWindow window, Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.of(window.timeZone()));
        return window.days().contains(local.getDayOfWeek())
                && local.getHour() >= window.startHour()
                && local.getHour() < window.endHour();
    }

    /** The next instant at or after {@code at} when the window is open. */
    static Instant nextOpening(SendWindow window, Instant at) {
        if (isOpen(window, at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(ZoneId.of(window.timeZone()));
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime opening =
                    local.truncatedTo(ChronoUnit.DAYS).plusDays(day).withHour(window.startHour());
            if (window.days().contains(opening.getDayOfWeek())
                    && opening.toInstant().isAfter(at)) {
                return opening.toInstant();
            }
        }
        throw new IllegalArgumentException("A send window needs at least one day");
    }

    static void validate(SendWindow window) {
        if (window.days().isEmpty()) {
            throw com.whatsdex.shared.ApiException.validation("pacing.window.days", "must name at least one day");
        }
        if (window.startHour() < 0 || window.endHour() > 24 || window.startHour() >= window.endHour()) {
            throw com.whatsdex.shared.ApiException.validation("pacing.window", "needs 0 <= startHour < endHour <= 24");
        }
        try {
            ZoneId.of(window.timeZone());
        } catch (java.time.DateTimeException e) {
            throw com.whatsdex.shared.ApiException.validation("pacing.window.timeZone", "is not an IANA time zone");
        }
    }
}
