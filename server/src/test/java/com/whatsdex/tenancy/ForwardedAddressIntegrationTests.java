package com.whatsdex.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.IntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-in throttling per client address behind a reverse proxy. The test profile trusts 127.0.0.2 as a proxy
 * ({@code whatsdex.security.trusted-proxies}); clients connect from chosen loopback addresses, so the server sees
 * real TCP peers: 127.0.0.2 plays the proxy, 127.0.0.3 a caller that reaches the server directly.
 */
@IntegrationTest
class ForwardedAddressIntegrationTests {

    private static final int PER_ADDRESS = 30;
    private static final List<String> SUBJECTS =
            List.of("ip:198.51.100.7", "ip:198.51.100.8", "ip:127.0.0.2", "ip:127.0.0.3", "ip:203.0.113.9");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTheseAddresses() {
        jdbc.sql("delete from login_failures where subject in (:subjects)")
                .param("subjects", SUBJECTS)
                .update();
    }

    @Test
    void clientsBehindATrustedProxyAreThrottledByTheirOwnAddresses() throws Exception {
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(wrongLogin("127.0.0.2", "198.51.100.7"))
                    .as("attempt %d", i + 1)
                    .isEqualTo(401);
        }

        assertThat(wrongLogin("127.0.0.2", "198.51.100.7")).isEqualTo(429);
        assertThat(wrongLogin("127.0.0.2", "203.0.113.9, 198.51.100.7"))
                .as("what the client wrote left of the proxy's entry changes nothing")
                .isEqualTo(429);
        assertThat(wrongLogin("127.0.0.2", "198.51.100.8"))
                .as("another client behind the same proxy")
                .isEqualTo(401);
        assertThat(failures("ip:127.0.0.2"))
                .as("the proxy's own address is not counted")
                .isZero();
    }

    @Test
    void aDirectCallerForgingXForwardedForIsThrottledByItsRealAddress() throws Exception {
        for (int i = 0; i < PER_ADDRESS; i++) {
            String forged = "198.51.100." + (i + 10);
            assertThat(wrongLogin("127.0.0.3", forged)).as("attempt %d", i + 1).isEqualTo(401);
        }

        assertThat(wrongLogin("127.0.0.3", "198.51.100.8")).isEqualTo(429);
        assertThat(failures("ip:127.0.0.3")).isEqualTo(PER_ADDRESS);
        assertThat(failures("ip:198.51.100.10")).isZero();
        assertThat(wrongLogin("127.0.0.2", "198.51.100.8"))
                .as("the address it claimed is not throttled")
                .isEqualTo(401);
    }

    private long failures(String subject) {
        return jdbc.sql("select count(*) from login_failures where subject = :s")
                .param("s", subject)
                .query(Long.class)
                .single();
    }

    /** A sign-in with a wrong password for a new email (the per-email limit stays out of the way). */
    private int wrongLogin(String from, @Nullable String forwardedFor) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(from))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try (client) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"nobody-" + UUID.randomUUID()
                            + "@example.com\",\"password\":\"not the password\"}"));
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
