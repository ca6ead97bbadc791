package com.whatsdex.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The Cloud API adapter over real HTTP against the built-in sandbox, and the cross-instance send pacer. */
@IntegrationTest
class ChannelSendingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ChannelsApi channels;

    @Autowired
    WhatsAppSender sender;

    @Autowired
    SendPacer pacer;

    record SandboxChannel(Browser owner, UUID id, ChannelCredentials credentials) {}

    private SandboxChannel sandboxChannel(Map<String, Object> config) {
        Browser owner = new Browser(port).register("Sender");
        JsonNode created = owner.post("/api/v1/channels/sandbox", null).data();
        UUID id = UUID.fromString(created.path("id").asString());
        if (!config.isEmpty()) {
            assertThat(owner.patch("/api/v1/channels/" + id, Map.of("config", config))
                            .status())
                    .isEqualTo(200);
        }
        ChannelCredentials credentials = TenantContext.callAs(owner.workspaceId(), () -> channels.credentials(id));
        return new SandboxChannel(owner, id, credentials);
    }

    @Test
    void textTemplateAndMediaAreAcceptedWithAWamidAndReachThePhone() {
        SandboxChannel channel = sandboxChannel(Map.of());

        SendOutcome text =
                sender.send(channel.credentials(), new OutboundContent.Text("+2348012345678", "Hello Ada", false));
        SendOutcome template = sender.send(
                channel.credentials(),
                new OutboundContent.Template("2348012345678", "order_update", "en", List.of("Ada", "#1042")));
        SendOutcome media = sender.send(
                channel.credentials(),
                new OutboundContent.Media(
                        "2348012345678",
                        OutboundContent.MediaKind.image,
                        "https://example.com/p.png",
                        "Your receipt",
                        null));

        assertThat(List.of(text, template, media))
                .allSatisfy(o -> assertThat(o)
                        .isInstanceOfSatisfying(
                                SendOutcome.Accepted.class,
                                a -> assertThat(a.wamid()).startsWith("wamid.")));
        Browser.Response deliveries =
                channel.owner().get("/api/v1/channels/" + channel.id() + "/sandbox/deliveries?to=%2B2348012345678");
        assertThat(deliveries.raw()).contains("Hello Ada").contains("order_update");
    }

    @Test
    void aRejectedTokenIsAnAuthFailure() {
        SandboxChannel channel = sandboxChannel(Map.of());
        ChannelCredentials wrong = new ChannelCredentials(
                channel.id(),
                ChannelProvider.sandbox,
                channel.credentials().graphBaseUrl(),
                channel.credentials().phoneNumberId(),
                "not-the-token",
                80);

        SendOutcome outcome = sender.send(wrong, new OutboundContent.Text("2348012345678", "hi", false));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(190);
            assertThat(r.kind()).isEqualTo(SendFailure.auth);
            assertThat(r.kind().retryable()).isFalse();
        });
    }

    @Test
    void metasThroughputLimitIsARetryableRateLimit() throws Exception {
        SandboxChannel channel = sandboxChannel(Map.of("maxMessagesPerSecond", 2));

        long started = System.nanoTime();
        List<SendOutcome> outcomes = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<SendOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "m" + i;
                futures.add(pool.submit(() ->
                        sender.send(channel.credentials(), new OutboundContent.Text("2348012345678", body, false))));
            }
            for (var f : futures) {
                outcomes.add(f.get());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long accepted =
                outcomes.stream().filter(SendOutcome.Accepted.class::isInstance).count();
        assertThat(accepted)
                .as("at most 2 per sliding second")
                .isLessThanOrEqualTo(2L * ((long) Math.ceil(seconds) + 1));
        assertThat(outcomes)
                .filteredOn(SendOutcome.Rejected.class::isInstance)
                .hasSize(8 - (int) accepted)
                .isNotEmpty()
                .allSatisfy(o -> {
                    SendOutcome.Rejected r = (SendOutcome.Rejected) o;
                    assertThat(r.code()).isEqualTo(130429);
                    assertThat(r.kind()).isEqualTo(SendFailure.rate_limited);
                    assertThat(r.kind().retryable()).isTrue();
                });
    }

    @Test
    void noConnectionMeansNothingWasSentAndADroppedConnectionMeansUnknown() throws IOException {
        SandboxChannel channel = sandboxChannel(Map.of());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SendOutcome refused = sender.send(
                withBaseUrl(channel, "http://127.0.0.1:" + closedPort + "/v21.0"),
                new OutboundContent.Text("2348012345678", "hi", false));
        assertThat(refused).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.kind()).isEqualTo(SendFailure.temporarily_unavailable);
            assertThat(r.kind().retryable()).isTrue();
        });

        // a server that reads the request and hangs up: it may have acted on it, so the outcome is unknown
        try (ServerSocket hangsUp = new ServerSocket(0);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> {
                try (Socket s = hangsUp.accept()) {
                    s.getInputStream().read(new byte[8192]);
                }
                return null;
            });
            SendOutcome dropped = sender.send(
                    withBaseUrl(channel, "http://127.0.0.1:" + hangsUp.getLocalPort() + "/v21.0"),
                    new OutboundContent.Text("2348012345678", "hi", false));
            assertThat(dropped).isInstanceOf(SendOutcome.Unknown.class);
        }
    }

    @Test
    void thePacerSpacesSlotsByTheRateWhateverTheConcurrency() throws Exception {
        SandboxChannel channel = sandboxChannel(Map.of());
        List<Long> waitsMicros = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 400; i++) {
                pool.submit(() -> TenantContext.runAs(channel.owner().workspaceId(), () -> {
                    Duration wait = pacer.reserve(channel.id(), 80, 1);
                    long since = (System.nanoTime() - start) / 1_000;
                    waitsMicros.add(since + wait.toNanos() / 1_000);
                }));
            }
        }
        List<Long> slots = new ArrayList<>(waitsMicros);
        Collections.sort(slots);

        // 400 slots at 80/s (less the pacer's 2 % headroom: 12.76 ms apart) span 399 x 12.76 ms = 5.09 s; measured
        // on this side of the network, so allow jitter per gap but little in aggregate
        double expected = 399 * SendPacer.intervalNanos(80) / 1e9;
        assertThat(expected).isCloseTo(5.09, org.assertj.core.data.Offset.offset(0.01));
        double spanSeconds = (slots.getLast() - slots.getFirst()) / 1e6;
        assertThat(spanSeconds).isBetween(expected * 0.97, expected * 1.10);
        assertThat(TenantContext.callAs(channel.owner().workspaceId(), () -> pacer.reserve(channel.id(), 80, 10)))
                .as("the next reservation queues behind the 400")
                .isGreaterThan(Duration.ofSeconds(3));
    }

    @Test
    void reservingSeveralChannelsAtOnceAdvancesEachChannelsOwnSlots() {
        SandboxChannel first = sandboxChannel(Map.of());
        UUID workspace = first.owner().workspaceId();
        UUID second = UUID.fromString(first.owner()
                .post("/api/v1/channels/sandbox", null)
                .data()
                .path("id")
                .asString());
        UUID unpaced = UUID.randomUUID();

        Map<UUID, Duration> waits = TenantContext.callAs(
                workspace,
                () -> pacer.reserveAll(List.of(
                        new SendPacer.Reservation(second, 10, 20),
                        new SendPacer.Reservation(first.id(), 10, 5),
                        new SendPacer.Reservation(unpaced, 0, 50))));
        assertThat(waits.get(first.id()))
                .as("a channel's first reservation starts now")
                .isLessThan(Duration.ofMillis(200));
        assertThat(waits.get(second)).isLessThan(Duration.ofMillis(200));
        assertThat(waits.get(unpaced)).as("unpaced: no slots, no wait").isZero();

        // each channel queues behind its own slots only: 5 and 20 slots at 10/s (less the 2 % headroom)
        Duration afterFirst = TenantContext.callAs(workspace, () -> pacer.reserve(first.id(), 10, 1));
        Duration afterSecond = TenantContext.callAs(workspace, () -> pacer.reserve(second, 10, 1));
        assertThat(afterFirst).isBetween(Duration.ofMillis(300), Duration.ofMillis(520));
        assertThat(afterSecond).isBetween(Duration.ofMillis(1_800), Duration.ofMillis(2_050));
    }

    private static ChannelCredentials withBaseUrl(SandboxChannel channel, String baseUrl) {
        ChannelCredentials c = channel.credentials();
        return new ChannelCredentials(
                c.channelId(), c.provider(), baseUrl, c.phoneNumberId(), c.accessToken(), c.ratePerSecond());
    }
}
