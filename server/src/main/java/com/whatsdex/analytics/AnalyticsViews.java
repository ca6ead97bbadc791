package com.whatsdex.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the analytics endpoints answer. */
public final class AnalyticsViews {

    private AnalyticsViews() {}

    /**
     * The dashboard's numbers.
     *
     * @param messagesThisMonth outbound messages counted against the plan this calendar month (real time)
     * @param deliveryRate7d delivered / sent over the last 7 local days (rollups), null when nothing was sent
     * @param readRate7d read / sent over the same days, null when nothing was sent
     * @param last7Days counts of the last 7 local days, today included
     * @param statsUpdatedAt when the rollups last changed (they lag real time by up to the rollup interval)
     */
    @Schema(name = "AnalyticsDashboard")
    public record Dashboard(
            long messagesThisMonth,
            long messagesLimit,
            long messagesReceivedThisMonth,
            int channelsConnected,
            int channelsTotal,
            long contacts,
            long contactsLimit,
            long runningCampaigns,
            @Nullable Double deliveryRate7d,
            @Nullable Double readRate7d,
            MessageCounts last7Days,
            List<Activity> recentActivity,
            @Nullable Instant statsUpdatedAt) {}

    /** One recent message in the activity feed. */
    @Schema(name = "AnalyticsActivity")
    public record Activity(
            UUID messageId,
            UUID contactId,
            UUID channelId,
            String direction,
            String status,
            @Nullable String preview,
            boolean campaign,
            Instant at) {}

    /** A daily series over [from, to] in the workspace's time zone, every day present (zero when quiet). */
    @Schema(name = "AnalyticsMessageSeries")
    public record MessageSeries(
            LocalDate from,
            LocalDate to,
            String timeZone,
            @Nullable UUID channelId,
            List<Day> days,
            MessageCounts total,
            List<ChannelTotal> byChannel) {}

    @Schema(name = "AnalyticsDay")
    public record Day(LocalDate day, MessageCounts counts) {}

    @Schema(name = "AnalyticsChannelTotal")
    public record ChannelTotal(UUID channelId, MessageCounts counts) {}

    /**
     * Usage against the plan.
     *
     * @param counters each metered quantity with its limit
     * @param daily this month's days (sent and received per day, from the rollups)
     * @param months the last 12 months, oldest first, zero-filled (from {@code stats_monthly})
     */
    @Schema(name = "AnalyticsUsage")
    public record Usage(
            String plan,
            String period,
            List<Counter> counters,
            List<Day> daily,
            List<Month> months,
            List<ChannelTotal> byChannelThisMonth) {}

    /**
     * @param percent used / limit in percent (0 when the limit is 0)
     * @param level {@code ok}, {@code warning} at 80 % or more, {@code reached} at 100 %
     */
    @Schema(name = "AnalyticsCounter")
    public record Counter(String metric, String label, long used, long limit, double percent, String level) {}

    /** @param month the first day of the month */
    @Schema(name = "AnalyticsMonth")
    public record Month(LocalDate month, MessageCounts counts) {}
}
