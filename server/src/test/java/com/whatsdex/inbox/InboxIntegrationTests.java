package com.whatsdex.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.support.Browser;
import com.whatsdex.support.EventStream;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The inbox over real HTTP on sandbox channels: reply channel, 24-hour window, unread, live events, isolation. */
@IntegrationTest
class InboxIntegrationTests {

    private static final String INBOX = "/api/v1/inbox/conversations";

    @LocalServerPort
    int port;

    @Autowired
    TestInboxClock.Movable clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- helpers

    private Browser workspace() {
        return new Browser(port).register("Inbox");
    }

    private static String channel(Browser b) {
        Browser.Response r = b.post("/api/v1/channels/sandbox", null);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data().path("id").asString();
    }

    /** The phone writes to the channel; returns once the inbox shows the message. */
    private static String write(Browser b, String channelId, String phone, String text) {
        Browser.Response r =
                b.post("/api/v1/channels/" + channelId + "/sandbox/inbound", Map.of("from", phone, "text", text));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> conversationOf(b, phone) != null
                        && text.equals(conversationOf(b, phone)
                                .path("lastMessage")
                                .path("preview")
                                .asString()));
        return conversationOf(b, phone).path("contactId").asString();
    }

    private static JsonNode conversationOf(Browser b, String phone) {
        for (JsonNode c : b.get(INBOX + "?limit=200").data().path("items")) {
            if (c.path("phone").asString().equals(phone)) {
                return c;
            }
        }
        return null;
    }

    private static List<JsonNode> deliveries(Browser b, String channelId, String phone) {
        List<JsonNode> items = new ArrayList<>();
        b.get("/api/v1/channels/" + channelId + "/sandbox/deliveries?to=" + phone.replace("+", "%2B"))
                .data()
                .path("items")
                .forEach(items::add);
        return items;
    }

    private static JsonNode awaitMessageStatus(Browser b, String messageId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> b.get("/api/v1/messages/" + messageId)
                        .data()
                        .path("status")
                        .asString()
                        .equals(status));
        return b.get("/api/v1/messages/" + messageId).data();
    }

    // ---- reply channel

    @Test
    void aReplyGoesThroughTheChannelThatLastTalkedUnlessOneIsChosen() {
        Browser b = workspace();
        String n1 = channel(b);
        String n2 = channel(b);
        String phone = "+2348031110001";
        String contactId = write(b, n1, phone, "Hi on the first number");
        write(b, n2, phone, "And now on the second");

        JsonNode detail = b.get(INBOX + "/" + contactId).data();
        assertThat(detail.path("replyChannel").path("channelId").asString()).isEqualTo(n2);
        assertThat(detail.path("replyChannel").path("problem").isNull()).isTrue();
        assertThat(detail.path("window").path("open").asBoolean()).isTrue();

        Browser.Response reply = b.post(INBOX + "/" + contactId + "/reply", Map.of("text", "Answer via N2"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.data().path("channelId").asString()).isEqualTo(n2);
        awaitMessageStatus(b, reply.data().path("id").asString(), "read");
        assertThat(deliveries(b, n2, phone))
                .singleElement()
                .satisfies(d -> assertThat(d.path("text").asString()).isEqualTo("Answer via N2"));
        assertThat(deliveries(b, n1, phone)).isEmpty();

        Browser.Response viaN1 =
                b.post(INBOX + "/" + contactId + "/reply", Map.of("text", "Answer via N1", "channelId", n1));
        assertThat(viaN1.status()).as(viaN1.raw()).isEqualTo(201);
        assertThat(viaN1.data().path("channelId").asString()).isEqualTo(n1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(b, n1, phone).size() == 1);
        assertThat(deliveries(b, n1, phone).getFirst().path("text").asString()).isEqualTo("Answer via N1");

        // the thread holds both channels' messages, newest first, each with its channel
        JsonNode thread = b.get(INBOX + "/" + contactId + "/messages").data().path("items");
        List<String> bodies = new ArrayList<>();
        List<String> via = new ArrayList<>();
        thread.forEach(m -> {
            bodies.add(m.path("body").asString());
            via.add(m.path("channelId").asString());
        });
        assertThat(bodies)
                .containsExactly("Answer via N1", "Answer via N2", "And now on the second", "Hi on the first number");
        assertThat(via).containsExactly(n1, n2, n2, n1);
    }

    @Test
    void theLastChannelDeletedAnswers409AndSendsNothing() {
        Browser b = workspace();
        String n1 = channel(b);
        String n2 = channel(b);
        String phone = "+2348031110002";
        String contactId = write(b, n1, phone, "first");
        write(b, n2, phone, "second");
        assertThat(b.delete("/api/v1/channels/" + n2).status()).isBetween(200, 204);

        JsonNode detail = b.get(INBOX + "/" + contactId).data();
        assertThat(detail.path("replyChannel").path("status").asString()).isEqualTo("deleted");
        assertThat(detail.path("replyChannel").path("problem").asString()).contains("deleted");

        Browser.Response reply = b.post(INBOX + "/" + contactId + "/reply", Map.of("text", "Are you there?"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("invalid_state");
        assertThat(reply.body().path("error").path("message").asString()).contains("deleted");
        assertThat(b.get(INBOX + "/" + contactId + "/messages").data().path("items"))
                .as("nothing stored")
                .hasSize(2);
        assertThat(deliveries(b, n1, phone))
                .as("nothing sent through another channel")
                .isEmpty();
    }

    // ---- the 24-hour window

    @Test
    void afterTwentyFiveHoursFreeTextIsRefusedAndAnApprovedTemplateGoesOut() {
        Browser b = workspace();
        String n1 = channel(b);
        String phone = "+2348031110003";
        String contactId = write(b, n1, phone, "Do you deliver on Sundays?");
        String approved = b.post(
                        "/api/v1/templates",
                        Map.of(
                                "name", "Follow-up",
                                "category", "utility",
                                "body", "Hello {{first_name|there}}, we are open again.",
                                "meta",
                                        Map.of(
                                                "name",
                                                "follow_up",
                                                "language",
                                                "en",
                                                "parameters",
                                                List.of("{{phone}}"))))
                .data()
                .path("id")
                .asString();
        String plain = b.post("/api/v1/templates", Map.of("name", "Plain", "category", "utility", "body", "Just text"))
                .data()
                .path("id")
                .asString();

        clock.advance(Duration.ofHours(25));
        JsonNode window = b.get(INBOX + "/" + contactId).data().path("window");
        assertThat(window.path("open").asBoolean()).isFalse();
        assertThat(window.path("closesAt").asString()).isNotBlank();

        Browser.Response text = b.post(INBOX + "/" + contactId + "/reply", Map.of("text", "Yes we do"));
        assertThat(text.status()).isEqualTo(409);
        assertThat(text.errorCode()).isEqualTo("outside_service_window");
        assertThat(text.body().path("error").path("message").asString()).contains("24 hours");

        Browser.Response notApproved = b.post(INBOX + "/" + contactId + "/reply", Map.of("templateId", plain));
        assertThat(notApproved.status()).isEqualTo(409);
        assertThat(notApproved.errorCode()).isEqualTo("outside_service_window");

        Browser.Response template = b.post(INBOX + "/" + contactId + "/reply", Map.of("templateId", approved));
        assertThat(template.status()).as(template.raw()).isEqualTo(201);
        assertThat(template.data().path("type").asString()).isEqualTo("template");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(b, n1, phone).size() == 1);
        assertThat(deliveries(b, n1, phone).getFirst().path("templateName").asString())
                .isEqualTo("follow_up");
        assertThat(deliveries(b, n1, phone)).hasSize(1);

        // inside the window the same template goes out as its rendered text
        clock.reset();
        Browser.Response inside = b.post(INBOX + "/" + contactId + "/reply", Map.of("templateId", approved));
        assertThat(inside.status()).as(inside.raw()).isEqualTo(201);
        String name = b.get("/api/v1/contacts/" + contactId).data().path("name").asString();
        assertThat(inside.data().path("body").asString())
                .as("rendered for the contact (the sandbox phone has a profile name)")
                .isEqualTo("Hello " + name.split(" ")[0] + ", we are open again.");
    }

    // ---- unread, status, assignment, search

    @Test
    void unreadCountsRiseWithInboundMessagesAndOpeningReadsThem() {
        Browser b = workspace();
        String n1 = channel(b);
        String ada = write(b, n1, "+2348031110004", "one");
        write(b, n1, "+2348031110004", "two");
        write(b, n1, "+2348031110005", "hello");

        assertThat(conversationOf(b, "+2348031110004").path("unreadCount").asInt())
                .isEqualTo(2);
        assertThat(b.get("/api/v1/inbox/unread").data().path("conversations").asLong())
                .isEqualTo(2);
        assertThat(b.get(INBOX + "?unread=true").data().path("items")).hasSize(2);

        assertThat(b.post(INBOX + "/" + ada + "/read", null).status()).isEqualTo(204);
        assertThat(conversationOf(b, "+2348031110004").path("unreadCount").asInt())
                .isZero();
        assertThat(b.get("/api/v1/inbox/unread").data().path("conversations").asLong())
                .isEqualTo(1);

        // a reply is not unread; the newest activity comes first
        assertThat(b.post(INBOX + "/" + ada + "/reply", Map.of("text", "Thanks!"))
                        .status())
                .isEqualTo(201);
        JsonNode first = b.get(INBOX).data().path("items").get(0);
        assertThat(first.path("contactId").asString()).isEqualTo(ada);
        assertThat(first.path("unreadCount").asInt()).isZero();
        assertThat(first.path("lastMessage").path("direction").asString()).isEqualTo("out");
        write(b, n1, "+2348031110004", "three");
        assertThat(conversationOf(b, "+2348031110004").path("unreadCount").asInt())
                .isEqualTo(1);
    }

    @Test
    void conversationsCloseReopenOnANewMessageAndCanBeAssigned() {
        Browser b = workspace();
        String n1 = channel(b);
        String contactId = write(b, n1, "+2348031110006", "Where is my order?");
        String me = b.get("/api/v1/auth/me").data().path("user").path("id").asString();

        Browser.Response closed = b.patch(INBOX + "/" + contactId, Map.of("status", "closed", "assigneeId", me));
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.data().path("conversation").path("status").asString()).isEqualTo("closed");
        assertThat(b.get(INBOX + "?status=open").data().path("items")).isEmpty();
        assertThat(b.get(INBOX + "?assignee=me").data().path("items")).hasSize(1);
        assertThat(b.get(INBOX + "?assignee=none").data().path("items")).isEmpty();

        Browser.Response stranger =
                b.patch(INBOX + "/" + contactId, Map.of("assigneeId", "01a2160a-0000-7000-8000-000000000000"));
        assertThat(stranger.status()).isEqualTo(400);

        write(b, n1, "+2348031110006", "Hello again");
        assertThat(conversationOf(b, "+2348031110006").path("status").asString())
                .isEqualTo("open");
        assertThat(b.patch(INBOX + "/" + contactId, Map.of("unassign", true)).status())
                .isEqualTo(200);
        assertThat(b.get(INBOX + "?assignee=none").data().path("items")).hasSize(1);
    }

    @Test
    void searchFindsByNamePhoneAndTextAndTheChannelFilterNarrows() {
        Browser b = workspace();
        String n1 = channel(b);
        String n2 = channel(b);
        String kemi = write(b, n1, "+2348031110007", "Is the blue kaftan in stock?");
        write(b, n2, "+2348031110008", "Good morning");
        assertThat(b.patch("/api/v1/contacts/" + kemi, Map.of("name", "Kemi Adeyemi"))
                        .status())
                .isEqualTo(200);

        assertThat(contactIds(b, INBOX + "?q=kemi")).containsExactly(kemi);
        assertThat(contactIds(b, INBOX + "?q=adey")).containsExactly(kemi);
        assertThat(contactIds(b, INBOX + "?q=KAFTAN")).containsExactly(kemi);
        assertThat(contactIds(b, INBOX + "?q=%2B2348031110007")).containsExactly(kemi);
        assertThat(contactIds(b, INBOX + "?q=nothing-like-this")).isEmpty();
        assertThat(contactIds(b, INBOX + "?channelId=" + n1)).containsExactly(kemi);
        assertThat(contactIds(b, INBOX + "?channelId=" + n2)).hasSize(1).doesNotContain(kemi);
    }

    @Test
    void pagesFollowTheKeysetWithoutGapsOrRepeats() {
        Browser b = workspace();
        String n1 = channel(b);
        for (int i = 0; i < 7; i++) {
            write(b, n1, "+23480311101" + (10 + i), "message " + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = b.get(INBOX + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .data();
            page.path("items").forEach(c -> seen.add(c.path("phone").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(seen.getFirst()).isEqualTo("+2348031110116");
        assertThat(seen.getLast()).isEqualTo("+2348031110110");
    }

    @Test
    void anOptedOutContactCanStillBeAnsweredWhenTheyWrite() {
        Browser b = workspace();
        String n1 = channel(b);
        String contactId = write(b, n1, "+2348031110009", "STOP");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> b.get("/api/v1/contacts/" + contactId)
                        .data()
                        .path("optedOut")
                        .asBoolean());
        write(b, n1, "+2348031110009", "Actually, one question");
        Browser.Response reply = b.post(INBOX + "/" + contactId + "/reply", Map.of("text", "Sure, ask away"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(b.get(INBOX + "/" + contactId)
                        .data()
                        .path("conversation")
                        .path("optedOut")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void badRepliesAreRefusedClearly() {
        Browser b = workspace();
        String n1 = channel(b);
        String contactId = write(b, n1, "+2348031110012", "hi");
        assertThat(b.post(INBOX + "/" + contactId + "/reply", Map.of()).status())
                .isEqualTo(400);
        assertThat(b.post(INBOX + "/" + contactId + "/reply", Map.of("text", "  "))
                        .status())
                .isEqualTo(400);
        assertThat(b.post(INBOX + "/" + contactId + "/reply", Map.of("text", "x".repeat(4097)))
                        .status())
                .isEqualTo(400);
        assertThat(b.post(
                                INBOX + "/" + contactId + "/reply",
                                Map.of("text", "hi", "channelId", "01a2160a-0000-7000-8000-000000000000"))
                        .status())
                .isEqualTo(404);
        assertThat(b.get(INBOX + "/01a2160a-0000-7000-8000-000000000000").status())
                .isEqualTo(404);
        assertThat(b.get(INBOX + "?cursor=garbage").status()).isEqualTo(400);
    }

    // ---- isolation

    @Test
    void anotherWorkspaceNeverSeesConversationsThreadsRepliesOrEvents() throws Exception {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String channelOfA = channel(two.a());
        String channelOfB = channel(two.b());
        try (EventStream eventsOfB = new EventStream(port, two.b().cookie("WDX_SESSION"));
                EventStream eventsOfA = new EventStream(port, two.a().cookie("WDX_SESSION"))) {
            String contactOfA = write(two.a(), channelOfA, "+2348031110013", "secret of A");
            write(two.b(), channelOfB, "+2348031110014", "hello B");
            two.assertListsDisjoint(INBOX, "contactId");

            assertThat(two.b().get(INBOX + "/" + contactOfA).status()).isEqualTo(404);
            assertThat(two.b().get(INBOX + "/" + contactOfA + "/messages").status())
                    .isEqualTo(404);
            assertThat(two.b().post(INBOX + "/" + contactOfA + "/read", null).status())
                    .isEqualTo(404);
            assertThat(two.b()
                            .patch(INBOX + "/" + contactOfA, Map.of("status", "closed"))
                            .status())
                    .isEqualTo(404);
            Browser.Response reply = two.b().post(INBOX + "/" + contactOfA + "/reply", Map.of("text", "hi"));
            assertThat(reply.status()).isEqualTo(404);
            // nor through B's own channel to A's contact
            assertThat(two.b()
                            .post(INBOX + "/" + contactOfA + "/reply", Map.of("text", "hi", "channelId", channelOfB))
                            .status())
                    .isEqualTo(404);
            assertThat(two.b().get(INBOX + "?q=secret").data().path("items")).isEmpty();
            assertThat(two.a()
                            .get(INBOX + "/" + contactOfA)
                            .data()
                            .path("conversation")
                            .path("unreadCount")
                            .asInt())
                    .as("B's attempts changed nothing")
                    .isEqualTo(1);

            assertThat(two.a()
                            .post(INBOX + "/" + contactOfA + "/reply", Map.of("text", "for A only"))
                            .status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eventsOfA.named("message.status").stream()
                            .anyMatch(e -> e.data().path("contactId").asString().equals(contactOfA)
                                    && e.data().path("status").asString().equals("read")));
            assertThat(eventsOfA.named("message.received")).isNotEmpty();
            assertThat(eventsOfB.events)
                    .as("B's stream never carries A's contact")
                    .noneMatch(e -> e.data().toString().contains(contactOfA));
            assertThat(eventsOfB.named("message.received")).hasSize(1);
        }
    }

    private static List<String> contactIds(Browser b, String path) {
        Browser.Response r = b.get(path);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.data().path("items").forEach(c -> ids.add(c.path("contactId").asString()));
        return ids;
    }
}
