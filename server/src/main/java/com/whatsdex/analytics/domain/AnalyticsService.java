package com.whatsdex.analytics.domain;

import com.whatsdex.analytics.AnalyticsViews;
import com.whatsdex.analytics.MessageCounts;
import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.campaigns.CampaignsApi;
import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.ChannelView;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.shared.ApiException;
import com.whatsdex.tenancy.PlanLimits;
import com.whatsdex.tenancy.TenancyApi;
import com.whatsdex.tenancy.WorkspaceView;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard's and the usage page's numbers: real-time counters for what is limited, rollups for everything by
 * day, month and channel. Nothing here scans messages; recent activity is a top-10 of its primary key.
 */
@Service
public class AnalyticsService {

    /** The longest series one request may ask for. */
    static final int MAX_DAYS = 366;

    private static final int RECENT = 10;

    private final StatsRepository stats;
    private final TenancyApi tenancy;
    private final UsageApi usage;
    private final ChannelsApi channels;
    private final ContactsApi contacts;
    private final CampaignsApi campaigns;
    private final MessagingApi messaging;
    private final Clock clock;
    private final TransactionTemplate tx;

    AnalyticsService(
            StatsRepository stats,
            TenancyApi tenancy,
            UsageApi usage,
            ChannelsApi channels,
            ContactsApi contacts,
            CampaignsApi campaigns,
            MessagingApi messaging,
            Clock clock,
            PlatformTransactionManager txManager) {
        this.stats = stats;
        this.tenancy = tenancy;
        this.usage = usage;
        this.channels = channels;
        this.contacts = contacts;
        this.campaigns = campaigns;
        this.messaging = messaging;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    public AnalyticsViews.Dashboard dashboard() {
        WorkspaceView workspace = tenancy.currentWorkspace();
        LocalDate today = today(workspace);
        List<ChannelView> all = channels.list();
        int connected = (int)
                all.stream().filter(c -> c.status() == ChannelStatus.connected).count();
        MessageCounts week = read(() -> stats.days(today.minusDays(6), today, null)).stream()
                .map(StatsRepository.DayRow::counts)
                .reduce(MessageCounts.ZERO, MessageCounts::plus);
        List<AnalyticsViews.Activity> activity = new ArrayList<>();
        for (MessageView m : messaging.recent(RECENT)) {
            activity.add(new AnalyticsViews.Activity(
                    m.id(),
                    m.contactId(),
                    m.channelId(),
                    m.direction(),
                    m.status(),
                    preview(m),
                    m.campaignId() != null,
                    m.createdAt()));
        }
        return new AnalyticsViews.Dashboard(
                usage.current(UsageMetric.messages_sent),
                usage.limit(UsageMetric.messages_sent),
                usage.current(UsageMetric.messages_received),
                connected,
                all.size(),
                contacts.count(),
                workspace.limits().contacts(),
                campaigns.runningCount(),
                rate(week.delivered(), week.sent()),
                rate(week.read(), week.sent()),
                week,
                activity,
                read(() -> stats.lastUpdate()).orElse(null));
    }

    /**
     * A daily series over [from, to] (inclusive, local days); defaults to the last 30 days.
     *
     * @throws ApiException validation_failed for a reversed range or one longer than {@value #MAX_DAYS} days
     */
    public AnalyticsViews.MessageSeries messages(
            @Nullable LocalDate from, @Nullable LocalDate to, @Nullable UUID channelId) {
        WorkspaceView workspace = tenancy.currentWorkspace();
        LocalDate end = to == null ? today(workspace) : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end)) {
            throw ApiException.validation("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.validation("from", "a series covers at most " + MAX_DAYS + " days");
        }
        if (channelId != null) {
            channels.get(channelId); // 404 for a channel this workspace does not have
        }
        List<AnalyticsViews.Day> days = zeroFilled(read(() -> stats.days(start, end, channelId)), start, end);
        MessageCounts total =
                days.stream().map(AnalyticsViews.Day::counts).reduce(MessageCounts.ZERO, MessageCounts::plus);
        List<AnalyticsViews.ChannelTotal> byChannel = read(() -> stats.channels(start, end)).stream()
                .filter(c -> channelId == null || c.channelId().equals(channelId))
                .map(c -> new AnalyticsViews.ChannelTotal(c.channelId(), c.counts()))
                .toList();
        return new AnalyticsViews.MessageSeries(start, end, workspace.timeZone(), channelId, days, total, byChannel);
    }

    public AnalyticsViews.Usage usage() {
        WorkspaceView workspace = tenancy.currentWorkspace();
        PlanLimits limits = workspace.limits();
        LocalDate today = today(workspace);
        LocalDate monthStart = today.withDayOfMonth(1);
        List<ChannelView> all = channels.list();
        List<AnalyticsViews.Counter> counters = List.of(
                counter(
                        "messages_sent",
                        "Messages sent this month",
                        usage.current(UsageMetric.messages_sent),
                        usage.limit(UsageMetric.messages_sent)),
                counter("contacts", "Contacts", contacts.count(), limits.contacts()),
                counter("channels", "Channels", all.size(), limits.channels()),
                // agents arrive with the agents feature; none can exist yet
                counter("agents", "AI agents", 0, limits.agents()));
        List<AnalyticsViews.Day> daily = zeroFilled(read(() -> stats.days(monthStart, today, null)), monthStart, today);
        LocalDate firstMonth = monthStart.minusMonths(11);
        Map<LocalDate, MessageCounts> byMonth = new HashMap<>();
        read(() -> stats.months(firstMonth, monthStart)).forEach(r -> byMonth.put(r.day(), r.counts()));
        List<AnalyticsViews.Month> months = new ArrayList<>();
        for (LocalDate m = firstMonth; !m.isAfter(monthStart); m = m.plusMonths(1)) {
            months.add(new AnalyticsViews.Month(m, byMonth.getOrDefault(m, MessageCounts.ZERO)));
        }
        List<AnalyticsViews.ChannelTotal> byChannel = read(() -> stats.channels(monthStart, today)).stream()
                .map(c -> new AnalyticsViews.ChannelTotal(c.channelId(), c.counts()))
                .toList();
        return new AnalyticsViews.Usage(
                workspace.plan().name(), monthStart.toString().substring(0, 7), counters, daily, months, byChannel);
    }

    // ---- helpers

    private LocalDate today(WorkspaceView workspace) {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(workspace.timeZone()));
    }

    private static List<AnalyticsViews.Day> zeroFilled(
            List<StatsRepository.DayRow> rows, LocalDate from, LocalDate to) {
        Map<LocalDate, MessageCounts> byDay = new HashMap<>();
        rows.forEach(r -> byDay.put(r.day(), r.counts()));
        List<AnalyticsViews.Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(new AnalyticsViews.Day(d, byDay.getOrDefault(d, MessageCounts.ZERO)));
        }
        return days;
    }

    static AnalyticsViews.Counter counter(String metric, String label, long used, long limit) {
        double percent = limit <= 0 ? 0 : Math.round(used * 1000.0 / limit) / 10.0;
        String level = limit <= 0 ? "ok" : used >= limit ? "reached" : used * 5 >= limit * 4L ? "warning" : "ok";
        return new AnalyticsViews.Counter(metric, label, used, limit, percent, level);
    }

    private static @Nullable Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 1000.0;
    }

    private static @Nullable String preview(MessageView m) {
        if (m.body() != null && !m.body().isBlank()) {
            return m.body().length() > 120 ? m.body().substring(0, 120) : m.body();
        }
        if (m.media() != null && m.media().caption() != null) {
            return m.media().caption();
        }
        return m.template() != null ? "[template " + m.template().name() + "]" : "[" + m.type() + "]";
    }

    private <T> T read(Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("An analytics query returned nothing");
        }
        return result;
    }
}
