package com.whatsdex.channels.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.whatsdex.channels.ChannelCredentials;
import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.OutboundAddresses;
import com.whatsdex.channels.OutboundContent;
import com.whatsdex.channels.OutboundHttp;
import com.whatsdex.channels.SendFailure;
import com.whatsdex.channels.SendOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a host name that answers a public address when the URL is checked and 127.0.0.1 when the client
 * connects. The resolver is scripted (production wires the system resolver); the server on loopback is real, and the
 * requests go through the production client ({@link OutboundHttp}, used by sends, connection tests and media
 * downloads). Nothing may reach the loopback server.
 */
class DnsRebindingTests {

    private static final String HOST = "rebind.example";
    private static final OutboundAddresses.Properties NO_PRIVATE_NETWORKS = new OutboundAddresses.Properties(List.of());

    private HttpServer loopback;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();

    /** Public (TEST-NET-3) for the first lookup, loopback for every later one. */
    private InetAddress[] flipping(String host) throws java.net.UnknownHostException {
        assertThat(host).isEqualTo(HOST);
        return lookups.incrementAndGet() == 1
                ? new InetAddress[] {InetAddress.getByAddress(HOST, new byte[] {(byte) 203, 0, 113, 10})}
                : new InetAddress[] {InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1})};
    }

    @BeforeEach
    void startLoopbackServer() throws IOException {
        loopback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        loopback.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = "{\"messages\":[{\"id\":\"wamid.internal\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        loopback.start();
    }

    @AfterEach
    void stop() {
        loopback.stop(0);
    }

    private String url(String path) {
        return "http://" + HOST + ":" + loopback.getAddress().getPort() + path;
    }

    private static ChannelCredentials cloud(String graphBaseUrl) {
        return new ChannelCredentials(
                UUID.randomUUID(), ChannelProvider.whatsapp_cloud, graphBaseUrl, "1065403522", "token", 80);
    }

    @Test
    void aNameThatFlipsToLoopbackAfterTheCheckIsRefusedWhenConnecting() throws IOException {
        OutboundAddresses addresses = new OutboundAddresses(NO_PRIVATE_NETWORKS, this::flipping);
        try (OutboundHttp http = new OutboundHttp(addresses)) {
            assertThat(addresses.refusal(url("/media/1")))
                    .as("the check saw a public address")
                    .isEmpty();

            assertThatThrownBy(() -> http.exchange(
                            cloud(url("/v21.0")), "GET", URI.create(url("/media/1")), Map.of(), null, null, timeout()))
                    .isInstanceOf(OutboundAddresses.RefusedAddressException.class)
                    .hasMessageContaining("private, loopback or link-local");
        }
        assertThat(lookups.get()).as("checked, then resolved again to connect").isEqualTo(2);
        assertThat(served.get()).as("requests that reached the loopback server").isZero();
    }

    @Test
    void aSendToAGraphUrlThatFlipsIsRejectedAndNothingIsSent() throws IOException {
        OutboundAddresses addresses = new OutboundAddresses(NO_PRIVATE_NETWORKS, this::flipping);
        try (OutboundHttp http = new OutboundHttp(addresses)) {
            SendOutcome outcome = new CloudApiSender(addresses, http)
                    .send(cloud(url("/v21.0")), new OutboundContent.Text("+2348011112222", "hi", false));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SendOutcome.Rejected.class,
                            rejected -> assertThat(rejected.kind()).isEqualTo(SendFailure.invalid_request));
        }
        assertThat(lookups.get()).isEqualTo(2);
        assertThat(served.get()).isZero();
    }

    @Test
    void theSameRequestReachesTheServerWhenItsAddressIsAllowed() throws IOException {
        // the control: the name, port and client do reach the loopback server when loopback is allowed
        OutboundAddresses addresses =
                new OutboundAddresses(new OutboundAddresses.Properties(List.of("127.0.0.0/8")), host -> {
                    lookups.incrementAndGet();
                    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
                });
        try (OutboundHttp http = new OutboundHttp(addresses);
                OutboundHttp.Response response = http.exchange(
                        cloud(url("/v21.0")), "GET", URI.create(url("/media/1")), Map.of(), null, null, timeout())) {
            assertThat(addresses.refusal(url("/media/1"))).isEmpty();
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(served.get()).isEqualTo(1);
    }

    private static Duration timeout() {
        return Duration.ofSeconds(5);
    }
}
