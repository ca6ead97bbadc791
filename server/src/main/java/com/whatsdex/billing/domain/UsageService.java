package com.whatsdex.billing.domain;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageLimitReachedException;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.tenancy.TenancyApi;
import com.whatsdex.tenancy.WorkspaceView;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class UsageService implements UsageApi {

    private final UsageCounterRepository counters;
    private final TenancyApi tenancy;
    private final Clock clock;

    UsageService(UsageCounterRepository counters, TenancyApi tenancy, Clock clock) {
        this.counters = counters;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void consume(UsageMetric metric, long amount) {
        requirePositive(amount);
        WorkspaceView workspace = tenancy.currentWorkspace();
        long limit = limitOf(metric, workspace);
        ZoneId zone = ZoneId.of(workspace.timeZone());
        if (counters.addWithin(period(metric, zone), metric.name(), amount, limit)
                .isEmpty()) {
            throw new UsageLimitReachedException(metric, limit, untilNextMonth(zone));
        }
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(UsageMetric metric, long amount) {
        requirePositive(amount);
        counters.add(period(metric, zone()), metric.name(), amount);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void refund(UsageMetric metric, long amount) {
        requirePositive(amount);
        counters.add(period(metric, zone()), metric.name(), -amount);
    }

    @Override
    @Transactional(readOnly = true)
    public long current(UsageMetric metric) {
        return counters.value(period(metric, zone()), metric.name());
    }

    private ZoneId zone() {
        return ZoneId.of(tenancy.currentWorkspace().timeZone());
    }

    private String period(UsageMetric metric, ZoneId zone) {
        return metric.monthly() ? YearMonth.now(clock.withZone(zone)).toString() : "total";
    }

    private Duration untilNextMonth(ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = YearMonth.from(now).plusMonths(1).atDay(1).atStartOfDay(zone);
        return Duration.between(now, next);
    }

    private static long limitOf(UsageMetric metric, WorkspaceView workspace) {
        return switch (metric) {
            case messages_sent -> workspace.limits().messagesPerMonth();
            case messages_received -> Long.MAX_VALUE;
        };
    }

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }
}
