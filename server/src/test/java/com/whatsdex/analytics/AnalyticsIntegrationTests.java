package com.whatsdex.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.analytics.domain.StatsAggregator;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The rollups against an oracle computed from the messages the test wrote, after late status changes, re-runs and a
 * month boundary in a far time zone; the endpoints over real sandbox sends; two-workspace isolation.
 */
@IntegrationTest
class AnalyticsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    StatsAggregator aggregator;

    /** A message as the oracle sees it; its id carries its creation time (UUIDv7). */
    static final class Msg {
        final UUID id;
        final Instant at;
        final UUID channel;
        final boolean out;
        String status;
        String wamid;
        final boolean campaign;
        final boolean agent;

        Msg(
                UUID id,
                Instant at,
                UUID channel,
                boolean out,
                String status,
                String wamid,
                boolean campaign,
                boolean agent) {
            this.id = id;
            this.at = at;
            this.channel = channel;
            this.out = out;
            this.status = status;
            this.wamid = wamid;
            this.campaign = campaign;
            this.agent = agent;
        }

        long[] measures() {
            boolean accepted = out && wamid != null;
            boolean delivered = out && (status.equals("delivered") || status.equals("read"));
            return new long[] {
                accepted ? 1 : 0,
                delivered ? 1 : 0,
                out && status.equals("read") ? 1 : 0,
                out && status.equals("failed") ? 1 : 0,
                out ? 0 : 1,
                accepted && agent ? 1 : 0,
                accepted && campaign ? 1 : 0
            };
        }
    }

    static UUID uuid7(Instant at, Random random) {
        long msb = (at.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private void insert(UUID workspace, List<Msg> messages) {
        TenantContext.runAs(
                workspace,
                () -> tx.executeWithoutResult(s -> {
                    for (Msg m : messages) {
                        jdbc.sql("""
                                insert into messages (tenant_id, id, channel_id, contact_id, direction, type, body,
                                    status, wamid, campaign_id, origin, created_at, delivered_at, read_at)
                                values (current_tenant_id(), :id, :channel, :contact, :direction, 'text', 'hi',
                                    :status, :wamid, :campaign, :origin, :at, :deliveredAt, :readAt)""")
                                .param("id", m.id)
                                .param("channel", m.channel)
                                .param("contact", UUID.randomUUID())
                                .param("direction", m.out ? "out" : "in")
                                .param("status", m.status)
                                .param("wamid", m.wamid)
                                .param("campaign", m.campaign ? UUID.randomUUID() : null)
                                .param("origin", m.out ? (m.agent ? "agent" : "api") : null)
                                .param("at", Timestamp.from(m.at))
                                .param("deliveredAt", m.status.equals("delivered") ? Timestamp.from(m.at) : null)
                                .param("readAt", m.status.equals("read") ? Timestamp.from(m.at) : null)
                                .update();
                    }
                }));
    }

    /** day -> channel -> measures, as stats_daily holds them. */
    private Map<String, long[]> stored(UUID workspace) {
        Map<String, long[]> rows = new TreeMap<>();
        TenantContext.runAs(
                workspace,
                () -> tx.executeWithoutResult(s -> jdbc.sql("""
                        select day, channel_id, sent, delivered, read, failed, received, agent_replies,
                            campaign_sends from stats_daily""").query(rs -> {
                    long[] v = new long[7];
                    for (int i = 0; i < 7; i++) {
                        v[i] = rs.getLong(3 + i);
                    }
                    rows.put(rs.getObject(1, LocalDate.class) + "/" + rs.getObject(2, UUID.class), v);
                })));
        return rows;
    }

    private static Map<String, long[]> oracle(List<Msg> messages, ZoneId zone) {
        Map<String, long[]> expected = new TreeMap<>();
        for (Msg m : messages) {
            String key = LocalDate.ofInstant(m.at, zone) + "/" + m.channel;
            long[] sum = expected.computeIfAbsent(key, k -> new long[7]);
            long[] v = m.measures();
            for (int i = 0; i < 7; i++) {
                sum[i] += v[i];
            }
        }
        return expected;
    }

    private static boolean same(Map<String, long[]> a, Map<String, long[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    private static String describe(Map<String, long[]> rows) {
        StringBuilder s = new StringBuilder();
        rows.forEach((k, v) ->
                s.append(k).append('=').append(java.util.Arrays.toString(v)).append('\n'));
        return s.toString();
    }

    private void awaitRollup(UUID workspace, Map<String, long[]> expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> same(stored(workspace), expected));
    }

    @Test
    void theRollupEqualsARecountOfTheMessagesAlsoAfterLateStatusesAndReruns() {
        Browser owner = new Browser(port).register("Rollup");
        UUID workspace = owner.workspaceId();
        owner.patch("/api/v1/workspace", Map.of("timeZone", "America/Sao_Paulo"));
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        Random random = new Random(20261126);
        List<UUID> channels = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String[] outcomes = {"sending", "sent", "delivered", "read", "failed", "unknown", "queued"};
        List<Msg> messages = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 600; i++) {
            Instant at = now.minusSeconds(random.nextInt(20 * 24 * 3600));
            boolean out = random.nextInt(3) > 0;
            String status = out ? outcomes[random.nextInt(outcomes.length)] : "received";
            boolean accepted = out
                    && (status.equals("sent")
                            || status.equals("delivered")
                            || status.equals("read")
                            || (status.equals("failed") && random.nextBoolean()));
            messages.add(new Msg(
                    uuid7(at, random),
                    at,
                    channels.get(random.nextInt(3)),
                    out,
                    status,
                    accepted ? "wamid.t" + i : null,
                    out && random.nextInt(3) == 0,
                    out && random.nextInt(5) == 0));
        }
        insert(workspace, messages);
        awaitRollup(workspace, oracle(messages, zone));

        // late and out-of-order statuses on past days: read before delivered, failures after acceptance
        List<Msg> changed = new ArrayList<>();
        for (Msg m : messages) {
            if (m.out && m.wamid != null && random.nextInt(4) == 0) {
                m.status = switch (m.status) {
                    case "sent" -> random.nextBoolean() ? "read" : "failed";
                    case "delivered" -> "read";
                    default -> m.status;
                };
                changed.add(m);
            }
        }
        assertThat(changed).isNotEmpty();
        TenantContext.runAs(
                workspace,
                () -> tx.executeWithoutResult(s -> {
                    for (Msg m : changed) {
                        jdbc.sql("""
                                update messages set status = :status,
                                    read_at = case when :status = 'read' then created_at end
                                where id = :id""")
                                .param("status", m.status)
                                .param("id", m.id)
                                .update();
                    }
                }));
        Map<String, long[]> expected = oracle(messages, zone);
        awaitRollup(workspace, expected);
        Map<String, long[]> settled = stored(workspace);
        assertThat(describe(settled)).isEqualTo(describe(expected));

        // re-running changes nothing, also when every day is recounted from scratch
        assertThat(aggregator.run(workspace)).isEqualTo(new StatsAggregator.Result(0, 0));
        tx.executeWithoutResult(s -> jdbc.sql("""
                        insert into stats_pending (tenant_id, day)
                        select :tenant, d::date from generate_series(now() - interval '21 days', now(), '1 day') d""").param("tenant", workspace).update());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TenantContext.callAs(
                                workspace,
                                () -> tx.execute(
                                        s -> jdbc.sql("select count(*) from stats_pending where tenant_id = :tenant")
                                                .param("tenant", workspace)
                                                .query(Long.class)
                                                .single()))
                        == 0);
        assertThat(describe(stored(workspace))).isEqualTo(describe(settled));

        // months are the sums of their days
        long monthly = TenantContext.callAs(
                workspace,
                () -> tx.execute(s -> jdbc.sql(
                                "select coalesce(sum(sent + delivered + read + failed + received), 0) from stats_monthly")
                        .query(Long.class)
                        .single()));
        long daily = expected.values().stream()
                .mapToLong(v -> v[0] + v[1] + v[2] + v[3] + v[4])
                .sum();
        assertThat(monthly).isEqualTo(daily);
    }

    @Test
    void aMonthStartsAtLocalMidnightInTheWorkspacesTimeZone() {
        Browser owner = new Browser(port).register("Auckland");
        owner.patch("/api/v1/workspace", Map.of("timeZone", "Pacific/Auckland"));
        UUID workspace = owner.workspaceId();
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        Random random = new Random(1);
        UUID channel = UUID.randomUUID();
        Instant midnight = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, auckland).toInstant(); // 2026-10-31T11:00Z
        List<Msg> messages = List.of(
                new Msg(
                        uuid7(midnight.minusSeconds(60), random),
                        midnight.minusSeconds(60),
                        channel,
                        false,
                        "received",
                        null,
                        false,
                        false),
                new Msg(
                        uuid7(midnight.plusSeconds(60), random),
                        midnight.plusSeconds(60),
                        channel,
                        false,
                        "received",
                        null,
                        false,
                        false),
                new Msg(
                        uuid7(midnight.plusSeconds(120), random),
                        midnight.plusSeconds(120),
                        channel,
                        false,
                        "received",
                        null,
                        false,
                        false));
        insert(workspace, messages);
        awaitRollup(workspace, oracle(messages, auckland));

        assertThat(stored(workspace).keySet()).containsExactly("2026-10-31/" + channel, "2026-11-01/" + channel);
        Map<String, Long> months = new TreeMap<>();
        TenantContext.runAs(
                workspace,
                () -> tx.executeWithoutResult(s -> jdbc.sql("select month, received from stats_monthly")
                        .query(rs -> {
                            months.put(rs.getObject(1, LocalDate.class).toString(), rs.getLong(2));
                        })));
        assertThat(months).containsExactly(Map.entry("2026-10-01", 1L), Map.entry("2026-11-01", 2L));
    }

    // ---- the endpoints

    @Test
    void theDashboardSeriesAndUsageShowRealSandboxTrafficAndNothingOfAnotherWorkspace() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        Browser a = two.a();
        String channel =
                a.post("/api/v1/channels/sandbox", null).data().path("id").asString();
        for (int i = 0; i < 3; i++) {
            Browser.Response sent = a.post("/api/v1/messages", Map.of("to", "+23480411100" + (10 + i), "text", "Hi"));
            assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        }
        a.post("/api/v1/channels/" + channel + "/sandbox/inbound", Map.of("from", "+2348041110099", "text", "Hello"));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode week = a.get("/api/v1/analytics/dashboard").data().path("last7Days");
            return week.path("sent").asLong() == 3
                    && week.path("read").asLong() == 3
                    && week.path("received").asLong() == 1;
        });
        JsonNode dashboard = a.get("/api/v1/analytics/dashboard").data();
        assertThat(dashboard.path("messagesThisMonth").asLong()).isEqualTo(3);
        assertThat(dashboard.path("messagesReceivedThisMonth").asLong()).isEqualTo(1);
        assertThat(dashboard.path("channelsConnected").asInt()).isEqualTo(1);
        assertThat(dashboard.path("channelsTotal").asInt()).isEqualTo(1);
        assertThat(dashboard.path("contacts").asLong()).isEqualTo(4);
        assertThat(dashboard.path("deliveryRate7d").asDouble()).isEqualTo(1.0);
        assertThat(dashboard.path("readRate7d").asDouble()).isEqualTo(1.0);
        assertThat(dashboard.path("recentActivity")).hasSize(4);
        assertThat(dashboard.path("statsUpdatedAt").asString()).isNotBlank();

        JsonNode series = a.get("/api/v1/analytics/messages").data();
        assertThat(series.path("days")).as("30 days, zero-filled").hasSize(30);
        JsonNode today = series.path("days").get(29);
        assertThat(today.path("counts").path("sent").asLong()).isEqualTo(3);
        assertThat(series.path("days").get(0).path("counts").path("sent").asLong())
                .isZero();
        assertThat(series.path("total").path("received").asLong()).isEqualTo(1);
        assertThat(series.path("byChannel")).hasSize(1);
        JsonNode ofChannel = a.get("/api/v1/analytics/messages?channelId=" + channel + "&from="
                        + LocalDate.now(ZoneId.of("UTC")).minusDays(6) + "&to=" + LocalDate.now(ZoneId.of("UTC")))
                .data();
        assertThat(ofChannel.path("days")).hasSize(7);
        assertThat(ofChannel.path("total").path("sent").asLong()).isEqualTo(3);

        JsonNode usage = a.get("/api/v1/analytics/usage").data();
        JsonNode sentCounter = usage.path("counters").get(0);
        assertThat(sentCounter.path("metric").asString()).isEqualTo("messages_sent");
        assertThat(sentCounter.path("used").asLong()).isEqualTo(3);
        assertThat(sentCounter.path("level").asString()).isEqualTo("ok");
        assertThat(usage.path("months")).hasSize(12);
        assertThat(usage.path("months").get(11).path("counts").path("sent").asLong())
                .isEqualTo(3);
        assertThat(usage.path("byChannelThisMonth").get(0).path("channelId").asString())
                .isEqualTo(channel);

        // bad ranges, another workspace's channel
        assertThat(a.get("/api/v1/analytics/messages?from=2026-11-20&to=2026-11-01")
                        .status())
                .isEqualTo(400);
        assertThat(a.get("/api/v1/analytics/messages?from=2024-01-01&to=2026-11-01")
                        .status())
                .isEqualTo(400);
        assertThat(a.get("/api/v1/analytics/messages?from=yesterday").status()).isEqualTo(400);
        Browser b = two.b();
        assertThat(b.get("/api/v1/analytics/messages?channelId=" + channel).status())
                .isEqualTo(404);
        JsonNode ofB = b.get("/api/v1/analytics/dashboard").data();
        assertThat(ofB.path("messagesThisMonth").asLong()).isZero();
        assertThat(ofB.path("last7Days").path("sent").asLong()).isZero();
        assertThat(ofB.path("recentActivity")).isEmpty();
        assertThat(ofB.path("contacts").asLong()).isZero();
        assertThat(b.get("/api/v1/analytics/messages")
                        .data()
                        .path("total")
                        .path("sent")
                        .asLong())
                .isZero();
        assertThat(b.get("/api/v1/analytics/usage").data().path("byChannelThisMonth"))
                .isEmpty();
    }
}
