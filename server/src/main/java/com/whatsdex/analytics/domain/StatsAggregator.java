package com.whatsdex.analytics.domain;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.TenancyApi;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings a workspace's rollups up to date: takes its marks and recounts the marked days and their months, all in
 * one transaction (a failure leaves the marks for the next run). Set-wise: two statements per run of consecutive
 * days and per month, never one per message.
 */
@Component
public class StatsAggregator {

    private static final Logger log = LoggerFactory.getLogger(StatsAggregator.class);

    /** What one run did. */
    public record Result(int days, int months) {}

    private final StatsRepository stats;
    private final TenancyApi tenancy;
    private final TransactionTemplate tx;

    StatsAggregator(StatsRepository stats, TenancyApi tenancy, PlatformTransactionManager txManager) {
        this.stats = stats;
        this.tenancy = tenancy;
        this.tx = new TransactionTemplate(txManager);
    }

    public Result run(UUID workspaceId) {
        Result result = TenantContext.callAs(workspaceId, () -> tx.execute(s -> recount(workspaceId)));
        if (result == null) {
            throw new IllegalStateException("The rollup transaction returned nothing");
        }
        if (result.days() > 0) {
            log.debug("Workspace {}: recounted {} day(s), {} month(s)", workspaceId, result.days(), result.months());
        }
        return result;
    }

    private Result recount(UUID workspaceId) {
        List<LocalDate> days = stats.takeMarks(workspaceId);
        if (days.isEmpty()) {
            return new Result(0, 0);
        }
        ZoneId zone = ZoneId.of(tenancy.currentWorkspace().timeZone());
        SortedSet<LocalDate> months = new TreeSet<>();
        // each run of consecutive days is recounted with one statement (one pass over its id range)
        int i = 0;
        while (i < days.size()) {
            LocalDate first = days.get(i);
            LocalDate last = first;
            while (i + 1 < days.size() && days.get(i + 1).equals(last.plusDays(1))) {
                last = days.get(++i);
            }
            i++;
            stats.recountDays(
                    first,
                    last,
                    Uuid7Bounds.startOf(first, zone),
                    Uuid7Bounds.startOf(last.plusDays(1), zone),
                    zone.getId());
            for (LocalDate m = first.withDayOfMonth(1); !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(m);
            }
        }
        months.forEach(stats::recountMonth);
        return new Result(days.size(), months.size());
    }

    /** The workspaces with days to recount. */
    public List<UUID> workspacesWithWork() {
        List<UUID> found = tx.execute(s -> stats.workspacesWithMarks());
        return found == null ? List.of() : found;
    }
}
