package com.whatsdex.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.ai.AiProperties;
import com.whatsdex.ai.FakeOpenAiServer;
import com.whatsdex.ai.FakeOpenAiServer.Answer;
import com.whatsdex.ai.internal.LangChain4jAiClient;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Agents end to end over real HTTP: a sandbox phone writes to a channel, the reply job asks a local OpenAI-compatible
 * fake (scripted per test, through LangChain4j's client and its function calling), runs the memory tools the fake
 * calls, and the answer reaches the phone through the sandbox.
 */
@IntegrationTest
class AgentIntegrationTests {

    private static final String AGENTS = "/api/v1/agents";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern FACT_ID = Pattern.compile("\\[fact_id ([0-9a-f-]{36})]");

    private static FakeOpenAiServer fake;

    @LocalServerPort
    int port;

    @Autowired
    LangChain4jAiClient ai;

    @Autowired
    TestAgentClock.Movable clock;

    private AiProperties original;

    @BeforeAll
    static void startFake() throws IOException {
        fake = new FakeOpenAiServer();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void pointAtFake() {
        fake.reset();
        original = ai.settings();
        ai.use(fake.settings(Duration.ofSeconds(5)));
        fake.script(AgentIntegrationTests::peanutScript);
    }

    @AfterEach
    void restore() {
        fake.release();
        ai.use(original);
        clock.reset();
    }

    /**
     * The model of these tests: remembers an allergy, forgets facts when asked, thanks after a tool call, and
     * otherwise answers a fixed sentence.
     */
    private static Answer peanutScript(FakeOpenAiServer.Received r) {
        if (r.lastRole().equals("tool")) {
            return Answer.text("Noted, no peanuts for you!");
        }
        String last = r.lastUserText();
        if (last.contains("allergic to peanuts")) {
            return Answer.call("remember_fact", "{\"fact\":\"Is allergic to peanuts\"}");
        }
        if (last.contains("forget my allergy")) {
            Matcher id = FACT_ID.matcher(r.message("system"));
            return id.find()
                    ? Answer.call("forget_fact", "{\"fact_id\":\"" + id.group(1) + "\"}")
                    : Answer.text("I had nothing to forget.");
        }
        if (last.contains("desserts")) {
            return Answer.text("Try our mango sorbet!");
        }
        return Answer.text("Happy to help!");
    }

    // ---- helpers

    private Browser workspace(String name) {
        return new Browser(port).register(name);
    }

    private static String channel(Browser b) {
        Browser.Response r = b.post("/api/v1/channels/sandbox", null);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data().path("id").asString();
    }

    private static JsonNode agent(Browser b, String channelId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Ada " + System.nanoTime());
        body.put("instructions", "You are Ada, the friendly assistant of Mama's Kitchen.");
        body.put("enabled", true);
        body.put("channelIds", channelId == null ? List.of() : List.of(channelId));
        body.putAll(extra);
        Browser.Response r = b.post(AGENTS, body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data();
    }

    private static void write(Browser b, String channelId, String phone, String text) {
        Browser.Response r =
                b.post("/api/v1/channels/" + channelId + "/sandbox/inbound", Map.of("from", phone, "text", text));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    /** The activity row of the customer message with this text, once it has ended. */
    private static JsonNode awaitEnded(Browser b, String inboundText) {
        await().atMost(WAIT).until(() -> {
            JsonNode row = activityRow(b, inboundText);
            return row != null && !row.path("status").asString().equals("pending");
        });
        return activityRow(b, inboundText);
    }

    private static JsonNode activityRow(Browser b, String inboundText) {
        for (JsonNode row : b.get(AGENTS + "/activity?limit=200").data().path("items")) {
            if (inboundText.equals(row.path("inboundText").asString())) {
                return row;
            }
        }
        return null;
    }

    private static List<String> deliveries(Browser b, String channelId, String phone) {
        List<String> texts = new ArrayList<>();
        b.get("/api/v1/channels/" + channelId + "/sandbox/deliveries?to=" + phone.replace("+", "%2B"))
                .data()
                .path("items")
                .forEach(d -> texts.add(d.path("text").asString()));
        return texts;
    }

    private static List<String> facts(Browser b, String contactId) {
        Browser.Response r = b.get("/api/v1/contacts/" + contactId + "/facts");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> facts = new ArrayList<>();
        r.data().forEach(f -> facts.add(f.path("fact").asString()));
        return facts;
    }

    private static FakeOpenAiServer.Received lastRequestAbout(String userText) {
        List<FakeOpenAiServer.Received> all = fake.received();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).lastUserText().equals(userText)) {
                return all.get(i);
            }
        }
        throw new AssertionError("The provider never received \"" + userText + "\"");
    }

    private void setPlan(Browser b, String plan) {
        Browser.Response set = new Browser(port)
                .withBearer("test-operator-token")
                .put("/api/v1/admin/workspaces/" + b.workspaceId() + "/plan", Map.of("plan", plan));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
    }

    // ---- memory

    @Test
    void aFactLearntInOneConversationIsInTheInstructionsOfANewOneDaysLater() {
        Browser b = workspace("Kitchen");
        String channel = channel(b);
        JsonNode agent = agent(b, channel, Map.of());
        String phone = "+2348051230001";

        write(b, channel, phone, "Hi, I'm allergic to peanuts");
        JsonNode first = awaitEnded(b, "Hi, I'm allergic to peanuts");
        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("replied");
        assertThat(first.path("replyText").asString()).isEqualTo("Noted, no peanuts for you!");
        assertThat(first.path("toolCalls").get(0).path("name").asString()).isEqualTo("remember_fact");
        assertThat(first.path("toolCalls").get(0).path("result").asString()).startsWith("Remembered");
        assertThat(first.path("agentId").asString()).isEqualTo(agent.path("id").asString());
        String contactId = first.path("contactId").asString();

        // stored per contact, with the message it was learnt from and the agent that learnt it
        JsonNode fact = b.get("/api/v1/contacts/" + contactId + "/facts").data().get(0);
        assertThat(fact.path("fact").asString()).isEqualTo("Is allergic to peanuts");
        assertThat(fact.path("source").asString()).isEqualTo("agent");
        assertThat(fact.path("sourceMessageId").asString())
                .isEqualTo(first.path("inboundMessageId").asString());
        assertThat(fact.path("agentId").asString()).isEqualTo(agent.path("id").asString());

        // the model was offered the memory tools, and saw the tool's result before answering
        FakeOpenAiServer.Received toolRound = fake.received().getLast();
        assertThat(toolRound.toolNames()).containsExactly("remember_fact", "update_fact", "forget_fact");
        assertThat(toolRound.transcript())
                .contains("assistant calls remember_fact({\"fact\":\"Is allergic to peanuts\"})");
        assertThat(toolRound.lastRole()).isEqualTo("tool");

        // delivered through the sandbox to the phone
        await().atMost(WAIT).until(() -> deliveries(b, channel, phone).size() == 1);
        assertThat(deliveries(b, channel, phone)).containsExactly("Noted, no peanuts for you!");

        // a later message of the same conversation carries the history
        write(b, channel, phone, "Thanks!");
        assertThat(awaitEnded(b, "Thanks!").path("status").asString()).isEqualTo("replied");
        assertThat(lastRequestAbout("Thanks!").transcript())
                .containsSubsequence(
                        "user: Hi, I'm allergic to peanuts", "assistant: Noted, no peanuts for you!", "user: Thanks!");

        // three days later: a new conversation; the old messages are not history, the fact is in the instructions
        clock.advance(Duration.ofDays(3));
        write(b, channel, phone, "What desserts do you have?");
        JsonNode later = awaitEnded(b, "What desserts do you have?");
        assertThat(later.path("status").asString()).isEqualTo("replied");
        FakeOpenAiServer.Received request = lastRequestAbout("What desserts do you have?");
        assertThat(request.message("system"))
                .contains("You are Ada, the friendly assistant of Mama's Kitchen.")
                .contains("- Is allergic to peanuts [fact_id " + fact.path("id").asString() + "]");
        assertThat(request.transcript())
                .noneMatch(line -> line.contains("Hi, I'm allergic"))
                .last()
                .isEqualTo("user: What desserts do you have?");
        await().atMost(WAIT).until(() -> deliveries(b, channel, phone).size() == 3);
        // the sandbox lists deliveries newest first
        assertThat(deliveries(b, channel, phone).getFirst()).isEqualTo("Try our mango sorbet!");
    }

    @Test
    void forgettingAFactRemovesItFromLaterRequests() {
        Browser b = workspace("Forget");
        String channel = channel(b);
        agent(b, channel, Map.of());
        String phone = "+2348051230002";
        write(b, channel, phone, "I'm allergic to peanuts");
        String contactId =
                awaitEnded(b, "I'm allergic to peanuts").path("contactId").asString();
        assertThat(facts(b, contactId)).containsExactly("Is allergic to peanuts");

        write(b, channel, phone, "Please forget my allergy");
        JsonNode forgot = awaitEnded(b, "Please forget my allergy");
        assertThat(forgot.path("toolCalls").get(0).path("name").asString()).isEqualTo("forget_fact");
        assertThat(forgot.path("toolCalls").get(0).path("result").asString()).isEqualTo("Forgotten");
        assertThat(facts(b, contactId)).isEmpty();

        write(b, channel, phone, "Hello again");
        awaitEnded(b, "Hello again");
        assertThat(lastRequestAbout("Hello again").message("system"))
                .doesNotContain("peanuts")
                .contains("(nothing yet)");
    }

    @Test
    void anotherWorkspacesAgentTalkingToTheSamePhoneNeverSeesItsFacts() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String channelA = channel(two.a());
        String channelB = channel(two.b());
        JsonNode agentA = agent(two.a(), channelA, Map.of());
        agent(two.b(), channelB, Map.of());
        String phone = "+2348051230003";

        write(two.a(), channelA, phone, "Remember: I'm allergic to peanuts");
        String contactA = awaitEnded(two.a(), "Remember: I'm allergic to peanuts")
                .path("contactId")
                .asString();
        assertThat(facts(two.a(), contactA)).containsExactly("Is allergic to peanuts");

        write(two.b(), channelB, phone, "Hi, what do you sell?");
        JsonNode replyB = awaitEnded(two.b(), "Hi, what do you sell?");
        assertThat(replyB.path("status").asString()).isEqualTo("replied");
        assertThat(lastRequestAbout("Hi, what do you sell?").message("system")).doesNotContain("peanuts");
        String contactB = replyB.path("contactId").asString();
        assertThat(contactB).isNotEqualTo(contactA);
        assertThat(facts(two.b(), contactB)).isEmpty();

        // A's facts, agent and activity answer 404 (or nothing) to B
        assertThat(two.b().get("/api/v1/contacts/" + contactA + "/facts").status())
                .isEqualTo(404);
        assertThat(two.b()
                        .post("/api/v1/contacts/" + contactA + "/facts", Map.of("fact", "planted"))
                        .status())
                .isEqualTo(404);
        String factA = two.a()
                .get("/api/v1/contacts/" + contactA + "/facts")
                .data()
                .get(0)
                .path("id")
                .asString();
        assertThat(two.b()
                        .delete("/api/v1/contacts/" + contactA + "/facts/" + factA)
                        .status())
                .isEqualTo(404);
        assertThat(two.b()
                        .delete("/api/v1/contacts/" + contactB + "/facts/" + factA)
                        .status())
                .isEqualTo(404);
        two.assertInvisibleToB(AGENTS + "/" + agentA.path("id").asString(), Map.of());
        assertThat(two.b()
                        .post(AGENTS + "/" + agentA.path("id").asString() + "/chat", chat("hi"))
                        .status())
                .isEqualTo(404);
        assertThat(two.b().get(AGENTS + "/conversations/" + contactA).status()).isEqualTo(404);
        assertThat(two.b().get(AGENTS + "/activity").data().toString()).doesNotContain(contactA);
        assertThat(facts(two.a(), contactA)).containsExactly("Is allergic to peanuts");

        // B cannot bind A's channel to its agent
        Browser.Response steal = two.b()
                .post(
                        AGENTS,
                        Map.of(
                                "name", "Thief",
                                "instructions", "x",
                                "channelIds", List.of(channelA)));
        assertThat(steal.status()).as(steal.raw()).isEqualTo(400);
    }

    // ---- failures and hand-over

    @Test
    void aProviderThatKeepsTimingOutIsRetriedThenTheConversationGoesToAPersonAndNothingIsSent() {
        ai.use(fake.settings(Duration.ofMillis(400)));
        fake.stallNext(3, Duration.ofMillis(1500));
        Browser b = workspace("Timeouts");
        String channel = channel(b);
        agent(b, channel, Map.of());
        String phone = "+2348051230004";

        write(b, channel, phone, "Is the shop open today?");
        JsonNode failed = awaitEnded(b, "Is the shop open today?");
        assertThat(failed.path("status").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("reason").asString()).contains("failed 3 times").contains("did not answer within");
        assertThat(fake.received()).hasSize(3);
        assertThat(deliveries(b, channel, phone)).isEmpty();

        String contactId = failed.path("contactId").asString();
        JsonNode state = b.get(AGENTS + "/conversations/" + contactId).data();
        assertThat(state.path("state").asString()).isEqualTo("needs_human");
        assertThat(state.path("reason").asString()).contains("failed 3 times");

        // while it waits for a person, the agent stays silent
        write(b, channel, phone, "Hello?");
        JsonNode silent = awaitEnded(b, "Hello?");
        assertThat(silent.path("status").asString()).isEqualTo("skipped");
        assertThat(silent.path("reason").asString()).isEqualTo("The conversation is waiting for a person");

        // resumed, it answers again, once
        assertThat(b.post(AGENTS + "/conversations/" + contactId + "/resume", null)
                        .data()
                        .path("state")
                        .asString())
                .isEqualTo("active");
        write(b, channel, phone, "Anyone there?");
        assertThat(awaitEnded(b, "Anyone there?").path("status").asString()).isEqualTo("replied");
        await().atMost(WAIT).until(() -> deliveries(b, channel, phone).size() == 1);
        assertThat(deliveries(b, channel, phone)).containsExactly("Happy to help!");
    }

    @Test
    void aTimeoutFollowedByAnAnswerSendsTheAnswerOnce() {
        ai.use(fake.settings(Duration.ofMillis(400)));
        fake.stallNext(1, Duration.ofMillis(1500));
        Browser b = workspace("Flaky");
        String channel = channel(b);
        agent(b, channel, Map.of());
        String phone = "+2348051230005";

        write(b, channel, phone, "Do you deliver?");
        JsonNode replied = awaitEnded(b, "Do you deliver?");
        assertThat(replied.path("status").asString()).as(replied.toString()).isEqualTo("replied");
        assertThat(replied.path("attempts").asInt()).isEqualTo(2);
        await().atMost(WAIT).until(() -> deliveries(b, channel, phone).size() == 1);
        assertThat(b.get("/api/v1/messages/" + replied.path("replyMessageId").asString())
                        .data()
                        .path("body")
                        .asString())
                .isEqualTo("Happy to help!");
        // nothing else arrives: the thread has the question and one answer
        JsonNode thread = b.get("/api/v1/inbox/conversations/"
                        + replied.path("contactId").asString() + "/messages")
                .data()
                .path("items");
        assertThat(thread).hasSize(2);
        assertThat(deliveries(b, channel, phone)).containsExactly("Happy to help!");
    }

    @Test
    void aPersonAnsweringFromTheInboxPausesTheAgentForTheHandoverTime() {
        Browser b = workspace("Handover");
        String channel = channel(b);
        agent(b, channel, Map.of("handoverMinutes", 30));
        String phone = "+2348051230006";

        write(b, channel, phone, "Hi there");
        String contactId = awaitEnded(b, "Hi there").path("contactId").asString();
        Instant before = Instant.now();
        Browser.Response human = b.post(
                "/api/v1/inbox/conversations/" + contactId + "/reply", Map.of("text", "Hi, Maria here, a person."));
        assertThat(human.status()).as(human.raw()).isEqualTo(201);

        JsonNode state = b.get(AGENTS + "/conversations/" + contactId).data();
        assertThat(state.path("state").asString()).isEqualTo("paused");
        assertThat(Instant.parse(state.path("pausedUntil").asString()))
                .isBetween(before.plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));

        write(b, channel, phone, "Great, thanks Maria");
        JsonNode paused = awaitEnded(b, "Great, thanks Maria");
        assertThat(paused.path("status").asString()).isEqualTo("skipped");
        assertThat(paused.path("reason").asString()).isEqualTo("A person is answering this conversation");

        // after the hand-over time the agent answers again
        clock.advance(Duration.ofMinutes(31));
        assertThat(b.get(AGENTS + "/conversations/" + contactId)
                        .data()
                        .path("state")
                        .asString())
                .isEqualTo("active");
        write(b, channel, phone, "One more question");
        assertThat(awaitEnded(b, "One more question").path("status").asString()).isEqualTo("replied");
        await().atMost(WAIT).until(() -> deliveries(b, channel, phone).size() == 3);
        assertThat(deliveries(b, channel, phone))
                .containsExactly("Happy to help!", "Hi, Maria here, a person.", "Happy to help!");
    }

    @Test
    void anOptedOutContactIsNotAnsweredAndMessagesWrittenTogetherGetOneAnswer() {
        Browser b = workspace("Quiet");
        String channel = channel(b);
        agent(b, channel, Map.of("replyDelaySeconds", 2));
        String phone = "+2348051230007";

        // two messages within the typing delay: the later one's answer covers both
        write(b, channel, phone, "Hello");
        write(b, channel, phone, "Do you have vegan options?");
        JsonNode second = awaitEnded(b, "Do you have vegan options?");
        JsonNode first = awaitEnded(b, "Hello");
        assertThat(second.path("status").asString()).isEqualTo("replied");
        assertThat(first.path("status").asString()).isEqualTo("skipped");
        assertThat(first.path("reason").asString()).isEqualTo("Answered together with a later message");
        assertThat(lastRequestAbout("Do you have vegan options?").transcript())
                .containsSubsequence("user: Hello", "user: Do you have vegan options?");
        await().atMost(WAIT).until(() -> deliveries(b, channel, phone).size() == 1);

        write(b, channel, phone, "STOP");
        JsonNode stop = awaitEnded(b, "STOP");
        assertThat(stop.path("status").asString()).isEqualTo("skipped");
        assertThat(stop.path("reason").asString()).isEqualTo("The contact opted out");
        assertThat(deliveries(b, channel, phone)).hasSize(1);
    }

    @Test
    void repliesArePickedUpWithinASecond() {
        Browser b = workspace("Pickup");
        String channel = channel(b);
        agent(b, channel, Map.of());
        List<Long> pickups = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String text = "Question number " + i;
            write(b, channel, "+23480512310" + (10 + i), text);
            JsonNode row = awaitEnded(b, text);
            assertThat(row.path("status").asString()).isEqualTo("replied");
            pickups.add(row.path("pickupMillis").asLong());
        }
        pickups.sort(Long::compare);
        long p95 = pickups.get((int) Math.ceil(pickups.size() * 0.95) - 1);
        assertThat(p95).as("pickup p95 of %s ms", pickups).isLessThan(1000);
    }

    // ---- agents and facts through the API

    @Test
    void agentsAreValidatedAChannelHasOneAgentAndThePlanLimitsThem() {
        Browser b = workspace("Agents CRUD");
        String channel = channel(b);
        JsonNode ada = agent(b, channel, Map.of("temperature", 0.2, "maxReplyChars", 300));
        assertThat(ada.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(ada.path("maxReplyChars").asInt()).isEqualTo(300);
        assertThat(ada.path("handoverMinutes").asInt()).isEqualTo(60);
        assertThat(ada.path("enabled").asBoolean()).isTrue();

        Browser.Response second =
                b.post(AGENTS, Map.of("name", "Bob", "instructions", "You are Bob.", "channelIds", List.of(channel)));
        assertThat(second.status()).as(second.raw()).isEqualTo(409);
        assertThat(second.body().path("error").path("message").asString())
                .contains("already answered by the agent \"" + ada.path("name").asString() + "\"");

        Browser.Response bad = b.post(AGENTS, Map.of("name", "", "instructions", "x", "temperature", 3));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("name").contains("temperature");

        Browser.Response dup = b.post(AGENTS, Map.of("name", ada.path("name").asString(), "instructions", "Another"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.errorCode()).isEqualTo("duplicate_name");

        // moving the channel to another agent works once the first lets it go
        JsonNode bob = agent(b, null, Map.of("name", "Bob"));
        Map<String, Object> adaWithout = new HashMap<>();
        adaWithout.put("name", ada.path("name").asString());
        adaWithout.put("instructions", "Changed instructions");
        adaWithout.put("channelIds", List.of());
        Browser.Response freed = b.put(AGENTS + "/" + ada.path("id").asString(), adaWithout);
        assertThat(freed.status()).as(freed.raw()).isEqualTo(200);
        assertThat(freed.data().path("enabled").asBoolean()).isFalse();
        assertThat(freed.data().path("channelIds")).isEmpty();
        Map<String, Object> bobWith = new HashMap<>(Map.of("name", "Bob", "instructions", "You are Bob."));
        bobWith.put("channelIds", List.of(channel));
        assertThat(b.put(AGENTS + "/" + bob.path("id").asString(), bobWith)
                        .data()
                        .path("channelIds")
                        .get(0)
                        .asString())
                .isEqualTo(channel);

        // no provider: an agent cannot be enabled, and availability says why
        ai.use(original);
        assertThat(b.get(AGENTS + "/availability").data().path("configured").asBoolean())
                .isFalse();
        Browser.Response off = b.put(AGENTS + "/" + bob.path("id").asString() + "/enabled", Map.of("enabled", true));
        assertThat(off.status()).isEqualTo(503);
        assertThat(off.errorCode()).isEqualTo("ai_not_configured");
        ai.use(fake.settings(Duration.ofSeconds(5)));

        // the plan's limit: starter allows one agent
        setPlan(b, "starter");
        JsonNode availability = b.get(AGENTS + "/availability").data();
        assertThat(availability.path("limit").asInt()).isEqualTo(1);
        assertThat(availability.path("used").asInt()).isEqualTo(2);
        Browser.Response over = b.post(AGENTS, Map.of("name", "Cy", "instructions", "x"));
        assertThat(over.status()).isEqualTo(403);
        assertThat(over.errorCode()).isEqualTo("upgrade_required");

        assertThat(b.delete(AGENTS + "/" + bob.path("id").asString()).status()).isEqualTo(204);
        assertThat(b.get(AGENTS + "/" + bob.path("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void peopleReadWriteAndDeleteFactsWithinTheLimit() {
        Browser b = workspace("Facts");
        Browser.Response contact = b.post("/api/v1/contacts", Map.of("phone", "+2348051230008", "name", "Ngozi"));
        assertThat(contact.status()).as(contact.raw()).isEqualTo(201);
        String facts = "/api/v1/contacts/" + contact.data().path("id").asString() + "/facts";

        Browser.Response added = b.post(facts, Map.of("fact", "Prefers Spanish"));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.data().path("source").asString()).isEqualTo("user");
        assertThat(b.post(facts, Map.of("fact", "prefers spanish")).status()).isEqualTo(409);
        Browser.Response card = b.post(facts, Map.of("fact", "Card 4111 1111 1111 1111"));
        assertThat(card.status()).isEqualTo(400);
        assertThat(card.raw()).contains("payment card");
        assertThat(b.post(facts, Map.of("fact", " ")).status()).isEqualTo(400);

        String id = added.data().path("id").asString();
        Browser.Response edited = b.put(facts + "/" + id, Map.of("fact", "Prefers Portuguese"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.data().path("fact").asString()).isEqualTo("Prefers Portuguese");

        for (int i = 1; i < 50; i++) {
            assertThat(b.post(facts, Map.of("fact", "Fact number " + i)).status())
                    .isEqualTo(201);
        }
        Browser.Response full = b.post(facts, Map.of("fact", "One too many"));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.body().path("error").path("message").asString()).contains("50 facts");

        assertThat(b.delete(facts + "/" + id).status()).isEqualTo(204);
        assertThat(b.delete(facts + "/" + id).status()).isEqualTo(404);
        assertThat(b.get(facts).data()).hasSize(49);
    }

    @Test
    void theTestChatAnswersWithoutWhatsAppAndReportsToolCalls() {
        Browser b = workspace("Test chat");
        JsonNode agent = agent(b, null, Map.of("enabled", false));
        String chatPath = AGENTS + "/" + agent.path("id").asString() + "/chat";

        Browser.Response scratch = b.post(chatPath, chat("I'm allergic to peanuts"));
        assertThat(scratch.status()).as(scratch.raw()).isEqualTo(200);
        assertThat(scratch.data().path("reply").asString()).isEqualTo("Noted, no peanuts for you!");
        assertThat(scratch.data().path("toolCalls").get(0).path("result").asString())
                .contains("nothing is stored");

        Browser.Response contact = b.post("/api/v1/contacts", Map.of("phone", "+2348051230009"));
        String contactId = contact.data().path("id").asString();
        Map<String, Object> withContact = new HashMap<>(chat("I'm allergic to peanuts"));
        withContact.put("contactId", contactId);
        Browser.Response real = b.post(chatPath, withContact);
        assertThat(real.status()).as(real.raw()).isEqualTo(200);
        assertThat(real.data().path("facts").get(0).path("fact").asString()).isEqualTo("Is allergic to peanuts");
        assertThat(facts(b, contactId)).containsExactly("Is allergic to peanuts");

        ai.use(original);
        assertThat(b.post(chatPath, chat("hi")).errorCode()).isEqualTo("ai_not_configured");
    }

    private static Map<String, Object> chat(String text) {
        return Map.of("messages", List.of(Map.of("role", "customer", "text", text)));
    }
}
