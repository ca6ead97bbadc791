package com.whatsdex.billing.domain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UsageCounterRepository {

    private final JdbcClient jdbc;

    UsageCounterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counter's value, its row locked until the transaction ends (created at 0 when missing). */
    long lockValue(String period, String metric) {
        jdbc.sql("""
                insert into usage_counters (tenant_id, period, metric, value)
                values (current_tenant_id(), :period, :metric, 0)
                on conflict (tenant_id, period, metric) do nothing
                """).param("period", period).param("metric", metric).update();
        return jdbc.sql("select value from usage_counters where period = :period and metric = :metric for update")
                .param("period", period)
                .param("metric", metric)
                .query(Long.class)
                .single();
    }

    void setValue(String period, String metric, long value) {
        jdbc.sql(
                        "update usage_counters set value = :value, updated_at = now() where period = :period and metric = :metric")
                .param("period", period)
                .param("metric", metric)
                .param("value", value)
                .update();
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
