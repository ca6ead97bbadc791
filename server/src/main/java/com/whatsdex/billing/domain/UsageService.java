package com.whatsdex.billing.domain;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageLimitReachedException;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.TenancyApi;
import com.whatsdex.tenancy.WorkspaceView;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class UsageService implements UsageApi {

    private final UsageCounterRepository counters;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final CounterBatcher batcher;

    UsageService(
            UsageCounterRepository counters, TenancyApi tenancy, Clock clock, PlatformTransactionManager transactions) {
        this.counters = counters;
        this.tenancy = tenancy;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batcher = new CounterBatcher(counters, ownTransaction);
    }

    @Override
    public void consume(UsageMetric metric, long amount) {
        requirePositive(amount);
        WorkspaceView workspace = tenancy.currentWorkspace();
        ZoneId zone = ZoneId.of(workspace.timeZone());
        long limit = limitOf(metric, workspace);
        if (grant(metric, zone, amount, limit, false) == 0) {
            throw new UsageLimitReachedException(metric, limit, untilNextMonth(zone));
        }
    }

    @Override
    public long consumeUpTo(UsageMetric metric, long amount) {
        requirePositive(amount);
        WorkspaceView workspace = tenancy.currentWorkspace();
        return grant(metric, ZoneId.of(workspace.timeZone()), amount, limitOf(metric, workspace), true);
    }

    private long grant(UsageMetric metric, ZoneId zone, long amount, long limit, boolean partial) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // waiting for a batch while holding a pooled connection could starve the pool: callers wait on the
            // batch, the batch waits for a connection
            throw new IllegalStateException("Consume usage before opening the transaction of the counted work");
        }
        UUID tenant = TenantContext.requireTenantId();
        return batcher.consume(
                new CounterBatcher.Key(tenant, period(metric, zone), metric.name()), amount, limit, partial);
    }

    @Override
    public UsageLimitReachedException limitReached(UsageMetric metric) {
        WorkspaceView workspace = tenancy.currentWorkspace();
        return new UsageLimitReachedException(
                metric, limitOf(metric, workspace), untilNextMonth(ZoneId.of(workspace.timeZone())));
    }

    @Override
    public long limit(UsageMetric metric) {
        return limitOf(metric, tenancy.currentWorkspace());
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
