package com.whatsdex.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Exactly once across a crash: a send left "sending" becomes unknown and is never resent by a machine. */
@IntegrationTest
class InterruptedSendRecoveryIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OutboundPipeline pipeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void aSendInterruptedByACrashBecomesUnknownAndIsNeverResent() {
        Browser owner = new Browser(port).register("Crashy");
        String channelId =
                owner.post("/api/v1/channels/sandbox", null).data().path("id").asString();
        String id = owner.post("/api/v1/messages", Map.of("to", "+2348011110040", "text", "in flight"))
                .data()
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> owner.get("/api/v1/messages/" + id)
                                .data()
                                .path("status")
                                .asString(),
                        "read"::equals);
        // what a crash between storing "sending" and recording the provider's answer leaves behind
        UUID workspace = owner.workspaceId();
        TenantContext.runAs(
                workspace,
                () -> tx.executeWithoutResult(
                        t -> jdbc.sql("""
                        update messages set status = 'sending', wamid = null, updated_at = now() - interval '10 minutes'
                        where id = :id
                        """).param("id", UUID.fromString(id)).update()));

        assertThat(pipeline.recoverInterrupted(workspace)).isEqualTo(1);

        assertThat(owner.get("/api/v1/messages/" + id).data().path("status").asString())
                .isEqualTo("unknown");
        assertThat(pipeline.recoverInterrupted(workspace))
                .as("nothing left to recover")
                .isZero();
        assertThat(owner.get("/api/v1/channels/" + channelId + "/sandbox/deliveries?to=%2B2348011110040")
                        .data()
                        .path("items")
                        .size())
                .as("the phone received it once: recovery never resends")
                .isEqualTo(1);
    }

    @Test
    void aSendStillInFlightIsLeftAlone() {
        Browser owner = new Browser(port).register("Busy");
        owner.post("/api/v1/channels/sandbox", null);
        String id = owner.post("/api/v1/messages", Map.of("to", "+2348011110041", "text", "just now"))
                .data()
                .path("id")
                .asString();
        TenantContext.runAs(
                owner.workspaceId(),
                () -> tx.executeWithoutResult(
                        t -> jdbc.sql("update messages set status = 'sending', updated_at = now() where id = :id")
                                .param("id", UUID.fromString(id))
                                .update()));

        assertThat(pipeline.recoverInterrupted(owner.workspaceId())).isZero();
    }
}
