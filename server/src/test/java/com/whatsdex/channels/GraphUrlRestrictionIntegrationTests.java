package com.whatsdex.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Cloud API channel's Graph base URL cannot point into the server's network (the test profile allows only
 * 127.0.0.0/8, where the fake Graph servers listen); sandbox channels, whose loopback URL the server sets, connect.
 */
@IntegrationTest
class GraphUrlRestrictionIntegrationTests {

    private static final List<String> INTERNAL = List.of(
            "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.5/v21.0",
            "http://192.168.1.1/v21.0",
            "http://[::1]:8080/v21.0",
            "http://0.0.0.0:8080/v21.0",
            "http://[fd00::1]/v21.0",
            "http://100.64.0.1/v21.0");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager txManager;

    private static Map<String, Object> cloud(String graphBaseUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put("phoneNumberId", "1065403522" + (10000 + (int) (Math.random() * 89999)));
        config.put("wabaId", "102290129340398");
        config.put("accessToken", "token");
        config.put("appSecret", "secret");
        config.put("graphBaseUrl", graphBaseUrl);
        return Map.of("name", "Cloud", "provider", "whatsapp_cloud", "config", config);
    }

    @Test
    void aChannelCannotBeCreatedOrPointedAtAnInternalAddress() {
        Browser owner = new Browser(port).register("SSRF Co");
        for (String url : INTERNAL) {
            Browser.Response r = owner.post("/api/v1/channels", cloud(url));
            assertThat(r.status()).as("%s: %s", url, r.raw()).isEqualTo(400);
            assertThat(r.body()
                            .path("error")
                            .path("details")
                            .get(0)
                            .path("field")
                            .asString())
                    .isEqualTo("config.graphBaseUrl");
        }
        assertThat(owner.get("/api/v1/channels").data().path("items")).isEmpty();

        Browser.Response ok = owner.post("/api/v1/channels", cloud("http://127.0.0.1:9/v21.0"));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(201);
        String id = ok.data().path("id").asString();
        Browser.Response moved = owner.patch(
                "/api/v1/channels/" + id, Map.of("config", Map.of("graphBaseUrl", "http://169.254.169.254/")));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(owner.get("/api/v1/channels/" + id)
                        .data()
                        .path("graphBaseUrl")
                        .asString())
                .isEqualTo("http://127.0.0.1:9/v21.0");
    }

    @Test
    void aStoredInternalUrlIsNeverCalledByTheConnectionTestOrASend() {
        Browser owner = new Browser(port).register("Restored Co");
        Browser.Response created = owner.post("/api/v1/channels", cloud("http://127.0.0.1:9/v21.0"));
        String id = created.data().path("id").asString();
        // as a restored archive (or a row from before the rule) could hold it
        TenantContext.runAs(
                owner.workspaceId(),
                () -> new TransactionTemplate(txManager)
                        .executeWithoutResult(s -> jdbc.sql("update channels set graph_base_url = :url where id = :id")
                                .param("url", "http://169.254.169.254/v21.0")
                                .param("id", UUID.fromString(id))
                                .update()));

        Browser.Response tested = owner.post("/api/v1/channels/" + id + "/test", null);

        assertThat(tested.status()).as(tested.raw()).isEqualTo(200);
        assertThat(tested.data().path("status").asString()).isEqualTo("error");
        assertThat(tested.data().path("statusReason").asString()).contains("private, loopback or link-local");
    }

    @Test
    void sandboxChannelsOnLoopbackConnect() {
        Browser owner = new Browser(port).register("Sandbox Co");
        Browser.Response r = owner.post("/api/v1/channels/sandbox", Map.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.data().path("status").asString()).isEqualTo("connected");
        assertThat(r.data().path("graphBaseUrl").asString()).startsWith("http://127.0.0.1:");
    }
}
