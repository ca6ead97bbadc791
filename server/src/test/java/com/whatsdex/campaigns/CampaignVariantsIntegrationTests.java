package com.whatsdex.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Message variants (e.g. AI-spun) rotated across a campaign's recipients, each recipient always the same one. */
@IntegrationTest
class CampaignVariantsIntegrationTests {

    private static final String CAMPAIGNS = "/api/v1/campaigns";

    @LocalServerPort
    int port;

    private static Map<String, Object> campaign(String channel, List<String> variants) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Variants");
        body.put("body", "Hi {{first_name | there}}, the sale starts today");
        body.put("variants", variants);
        body.put("audience", Map.of("kind", "all"));
        body.put("channelIds", List.of(channel));
        return body;
    }

    @Test
    void variantsMustKeepTheMessagesVariables() {
        Browser b = new Browser(port).register("Variants");
        String channel =
                b.post("/api/v1/channels/sandbox", null).data().path("id").asString();

        Browser.Response lost = b.post(CAMPAIGNS, campaign(channel, List.of("Hello, the sale is on")));
        assertThat(lost.status()).isEqualTo(400);
        assertThat(lost.raw()).contains("variants[0]").contains("lacks {{first_name}}");
        Browser.Response added =
                b.post(CAMPAIGNS, campaign(channel, List.of("Hello {{first_name}} from {{city}}, the sale is on")));
        assertThat(added.status()).isEqualTo(400);
        assertThat(added.raw()).contains("adds {{city}}");
        Browser.Response broken = b.post(CAMPAIGNS, campaign(channel, List.of("Hello {{first_name")));
        assertThat(broken.status()).isEqualTo(400);
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("Hey {{first_name}} " + i);
        }
        assertThat(b.post(CAMPAIGNS, campaign(channel, eleven)).status()).isEqualTo(400);
    }

    @Test
    void everyRecipientGetsOneOfTheVariantsExactlyOnceAndAllAreUsed() {
        Browser b = new Browser(port).register("Variants");
        String channel =
                b.post("/api/v1/channels/sandbox", null).data().path("id").asString();
        StringBuilder csv = new StringBuilder("phone,name\n");
        for (int i = 0; i < 40; i++) {
            csv.append(String.format("+234807%06d1", i))
                    .append(",Ada")
                    .append(i)
                    .append('\n');
        }
        Browser.Response imported =
                b.raw("POST", "/api/v1/contacts/imports?filename=c.csv", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(202);
        String importId = imported.data().path("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "completed"
                        .equals(b.get("/api/v1/contacts/imports/" + importId)
                                .data()
                                .path("status")
                                .asString()));

        Browser.Response created = b.post(
                CAMPAIGNS,
                campaign(
                        channel,
                        List.of(
                                "Hello {{ first_name | there }}, our sale opens today",
                                "Hey {{first_name|there}}! The sale begins today")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.data().path("id").asString();
        assertThat(created.data().path("variants")).hasSize(2);
        assertThat(b.post(CAMPAIGNS + "/" + id + "/duplicate", null).data().path("variants"))
                .as("a duplicate keeps the variants")
                .hasSize(2);

        assertThat(b.post(CAMPAIGNS + "/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "completed"
                        .equals(b.get(CAMPAIGNS + "/" + id)
                                .data()
                                .path("status")
                                .asString()));

        Map<String, Integer> perPhone = new HashMap<>();
        Map<String, Integer> perOpening = new HashMap<>();
        for (JsonNode d : b.get("/api/v1/channels/" + channel + "/sandbox/deliveries?limit=500")
                .data()
                .path("items")) {
            perPhone.merge(d.path("to").asString(), 1, Integer::sum);
            String text = d.path("text").asString();
            assertThat(text).matches("(Hi|Hello|Hey) Ada\\d+(,|!) .*today");
            perOpening.merge(text.substring(0, text.indexOf(' ')), 1, Integer::sum);
        }
        assertThat(perPhone).hasSize(40);
        assertThat(perPhone.values()).as("exactly once each").allMatch(n -> n == 1);
        assertThat(perOpening.keySet()).as("every variant used").containsExactlyInAnyOrder("Hi", "Hello", "Hey");
    }
}
