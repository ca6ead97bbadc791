package com.whatsdex.billing.domain;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UsageCounterRepository {

    private final JdbcClient jdbc;

    UsageCounterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds {@code amount} unless the result would pass {@code limit}; returns the new value, or empty when it would.
     * The conflicting row is locked by the upsert, so concurrent callers are serialised on it and none overshoots.
     */
    Optional<Long> addWithin(String period, String metric, long amount, long limit) {
        return jdbc.sql("""
                insert into usage_counters (tenant_id, period, metric, value)
                select current_tenant_id(), :period, :metric, :amount where :amount <= :limit
                on conflict (tenant_id, period, metric) do update
                    set value = usage_counters.value + excluded.value, updated_at = now()
                    where usage_counters.value + excluded.value <= :limit
                returning value
                """)
                .param("period", period)
                .param("metric", metric)
                .param("amount", amount)
                .param("limit", limit)
                .query(Long.class)
                .optional();
    }

    void add(String period, String metric, long amount) {
        jdbc.sql("""
                insert into usage_counters (tenant_id, period, metric, value)
                values (current_tenant_id(), :period, :metric, greatest(:amount, 0))
                on conflict (tenant_id, period, metric) do update
                    set value = greatest(usage_counters.value + :amount, 0), updated_at = now()
                """)
                .param("period", period)
                .param("metric", metric)
                .param("amount", amount)
                .update();
    }

    long value(String period, String metric) {
        return jdbc.sql("select value from usage_counters where period = :period and metric = :metric")
                .param("period", period)
                .param("metric", metric)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }
}
