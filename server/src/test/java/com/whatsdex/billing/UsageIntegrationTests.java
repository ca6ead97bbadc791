package com.whatsdex.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class UsageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UsageApi usage;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    private UUID starterWorkspace() {
        Browser owner = new Browser(port).register("Metered");
        new Browser(port)
                .withBearer("test-operator-token")
                .put("/api/v1/admin/workspaces/" + owner.workspaceId() + "/plan", Map.of("plan", "starter"));
        return owner.workspaceId();
    }

    private void consume(UUID workspace, long amount) {
        TenantContext.runAs(workspace, () -> usage.consume(UsageMetric.messages_sent, amount));
    }

    private long current(UUID workspace, UsageMetric metric) {
        return TenantContext.callAs(workspace, () -> usage.current(metric));
    }

    @Test
    void consumesUpToThePlanLimitAndNotOneMore() {
        UUID workspace = starterWorkspace(); // 1,000 messages a month

        consume(workspace, 999);
        consume(workspace, 1);

        assertThatThrownBy(() -> consume(workspace, 1)).isInstanceOfSatisfying(UsageLimitReachedException.class, e -> {
            assertThat(e.code()).isEqualTo("usage_limit_reached");
            assertThat(e.status().value()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isPositive();
        });
        assertThat(current(workspace, UsageMetric.messages_sent)).isEqualTo(1000);
    }

    @Test
    void concurrentConsumersNeverOvershootTheLimit() throws Exception {
        UUID workspace = starterWorkspace();
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attempts.add(() -> {
                try {
                    consume(workspace, 30);
                    return true;
                } catch (UsageLimitReachedException e) {
                    return false;
                }
            });
        }

        int succeeded = 0;
        try (var pool = Executors.newFixedThreadPool(50)) {
            for (Future<Boolean> f : pool.invokeAll(attempts)) {
                succeeded += f.get() ? 1 : 0;
            }
        }

        assertThat(succeeded).isEqualTo(33); // 33 x 30 = 990 fit in 1,000; the 34th would make 1,020
        assertThat(current(workspace, UsageMetric.messages_sent)).isEqualTo(990);
    }

    @Test
    void consumeUpToGrantsWhatIsLeftAndNothingOnceFull() {
        UUID workspace = starterWorkspace();
        consume(workspace, 990);

        long granted = TenantContext.callAs(workspace, () -> usage.consumeUpTo(UsageMetric.messages_sent, 25));
        long none = TenantContext.callAs(workspace, () -> usage.consumeUpTo(UsageMetric.messages_sent, 5));

        assertThat(granted).isEqualTo(10);
        assertThat(none).isZero();
        assertThat(current(workspace, UsageMetric.messages_sent)).isEqualTo(1000);
    }

    @Test
    void consumingInsideATransactionIsRefusedSoWaitersNeverHoldPooledConnections() {
        UUID workspace = starterWorkspace();

        assertThatThrownBy(() -> TenantContext.runAs(
                        workspace, () -> tx.executeWithoutResult(s -> usage.consume(UsageMetric.messages_sent, 5))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(current(workspace, UsageMetric.messages_sent)).isZero();
    }

    @Test
    void refundsGiveBackAndReceivedMessagesAreCountedWithoutLimit() {
        UUID workspace = starterWorkspace();
        consume(workspace, 10);
        TenantContext.runAs(
                workspace,
                () -> tx.executeWithoutResult(s -> {
                    usage.refund(UsageMetric.messages_sent, 4);
                    usage.record(UsageMetric.messages_received, 5_000);
                }));

        assertThat(current(workspace, UsageMetric.messages_sent)).isEqualTo(6);
        assertThat(current(workspace, UsageMetric.messages_received)).isEqualTo(5_000);
    }

    @Test
    void theMonthIsTheWorkspacesCalendarMonth() {
        Browser owner = new Browser(port).register("Kiribati");
        owner.patch("/api/v1/workspace", Map.of("timeZone", "Pacific/Kiritimati"));
        consume(owner.workspaceId(), 1);

        String period = TenantContext.callAs(
                owner.workspaceId(),
                () -> tx.execute(s -> jdbc.sql("select period from usage_counters where metric = 'messages_sent'")
                        .query(String.class)
                        .single()));

        assertThat(period)
                .isEqualTo(YearMonth.now(ZoneId.of("Pacific/Kiritimati")).toString());
    }

    @Test
    void workspacesHaveSeparateCounters() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        consume(two.a().workspaceId(), 7);

        assertThat(current(two.a().workspaceId(), UsageMetric.messages_sent)).isEqualTo(7);
        assertThat(current(two.b().workspaceId(), UsageMetric.messages_sent)).isZero();
    }
}
