package com.whatsdex.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.WhatsDexApplication;
import com.whatsdex.sandbox.SandboxApi;
import com.whatsdex.support.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The media store's disk is full: an inbound image is not stored, no partial file is left, the download is retried
 * (space may be freed) and, when every attempt found the disk full, the message says why.
 *
 * <p>A full disk without filling one: its own application context whose media store must leave more space free
 * than any disk has ({@code whatsdex.messaging.media-min-free-space}), so the store's own space check refuses
 * every download exactly as it does when a real disk runs low. (The kernel's ENOSPC on a full tmpfs takes the same
 * path; {@code bench/run.sh faults} checks that one, as root.)
 */
class MediaDiskFullIntegrationTests {

    private ConfigurableApplicationContext context;
    private Path dataDir;

    @AfterEach
    void closeAndClean() throws IOException {
        if (context != null) {
            context.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anImageArrivingWhileTheDiskIsFullSaysSoOnTheMessage() throws IOException {
        dataDir = Files.createTempDirectory("whatsdex-disk-full-");
        context = new SpringApplicationBuilder(WhatsDexApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--whatsdex.data-dir=" + dataDir,
                        "--whatsdex.messaging.media-min-free-space=1000000TB");
        int port =
                Integer.parseInt(Objects.requireNonNull(context.getEnvironment().getProperty("local.server.port")));
        Browser owner = new Browser(port).register("Full disk");
        JsonNode channel =
                owner.post("/api/v1/channels/sandbox", Map.of("name", "Media")).data();
        String channelId = channel.path("id").asString();

        context.getBean(SandboxApi.class)
                .inboundImage(channel.path("phoneNumberId").asString(), "2348011113333", "A photo");

        JsonNode message = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> owner.get("/api/v1/messages?channelId=" + channelId)
                                .data()
                                .path("items")
                                .path(0),
                        m -> !m.path("media").path("error").isNull());
        assertThat(message.path("media").path("error").asString()).isEqualTo("Not stored: the server's disk was full");
        assertThat(message.path("media").path("stored").asBoolean()).isFalse();
        String id = message.path("id").asString();
        List<Map<String, Object>> parked = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> context.getBean(JdbcClient.class)
                                .sql("select attempts from failed_jobs where task_instance = :id")
                                .param("id", id)
                                .query()
                                .listOfRows(),
                        rows -> !rows.isEmpty());
        assertThat(parked)
                .as("retried, since space may be freed, then parked")
                .singleElement()
                .satisfies(row -> assertThat(row.get("attempts")).isEqualTo(4));
        try (Stream<Path> files = Files.walk(dataDir.resolve("media"))) {
            assertThat(files.filter(Files::isRegularFile).toList())
                    .as("no partial file left")
                    .isEmpty();
        }
        assertThat(new WebhookClient(port)
                        .getBytes("/api/v1/messages/" + id + "/media", owner.cookie("WDX_SESSION"))
                        .status())
                .isEqualTo(404);
    }
}
