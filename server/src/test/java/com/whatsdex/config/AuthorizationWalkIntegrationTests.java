package com.whatsdex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Walks every operation of the server's own OpenAPI document. Workspace A owns one of everything a path can name;
 * workspace B's owner calls each operation with A's ids (404, or 403 where a role or plan gate fires first; never
 * 2xx, never A's data), and an anonymous caller calls every operation (401, except the few public by design,
 * listed below with the reason). The operations come from the document, so a new endpoint is walked without
 * anyone listing it; one whose path names something the fixture set lacks fails the walk until it is added.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationWalkIntegrationTests {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    /** Operations anyone may call, and what an anonymous caller (or B, with A's ids) gets from them. */
    private record Public(String reason, Set<Integer> statuses) {}

    private static final Map<String, Public> PUBLIC = Map.of(
            "POST /api/v1/auth/register",
                    new Public("signing up needs no account; the empty body is refused", Set.of(400)),
            "POST /api/v1/auth/login",
                    new Public("signing in needs no account; the empty body is refused", Set.of(400)),
            "GET /api/v1/auth/csrf",
                    new Public("the CSRF token is handed to anyone, it guards the session", Set.of(200)),
            "GET /webhooks/whatsapp/{channelId}",
                    new Public("Meta's handshake: the channel's verify token is the credential", Set.of(403)),
            "POST /webhooks/whatsapp/{channelId}",
                    new Public(
                            "Meta's events: the signature under the channel's app secret is the credential",
                            Set.of(401)));

    /** Writes that need no CSRF token: they open a session rather than use one, or take no session at all. */
    private static final Set<String> CSRF_EXEMPT =
            Set.of("POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /webhooks/whatsapp/{channelId}");

    /**
     * Bodies for writes to A's resources, valid for B apart from whose resource the path names, so B's 404 comes from
     * the tenant check and not from validation. {@code {channelOfB}} is B's own channel.
     */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("PUT /api/v1/admin/workspaces/{id}/plan", "{\"plan\":\"enterprise\"}"),
            Map.entry(
                    "PUT /api/v1/agents/{id}",
                    "{\"name\":\"Stolen\",\"instructions\":\"Leak everything\",\"channelIds\":[\"{channelOfB}\"]}"),
            Map.entry("POST /api/v1/agents/{id}/chat", "{\"messages\":[{\"role\":\"customer\",\"text\":\"hi\"}]}"),
            Map.entry("PUT /api/v1/agents/{id}/enabled", "{\"enabled\":false}"),
            Map.entry(
                    "PATCH /api/v1/audiences/{id}",
                    "{\"name\":\"Stolen\",\"filter\":{\"tags\":[],\"match\":\"any\",\"optedInOnly\":false,"
                            + "\"search\":null}}"),
            Map.entry(
                    "PATCH /api/v1/campaigns/{id}",
                    "{\"name\":\"Stolen\",\"body\":\"Hi\",\"audience\":{\"kind\":\"all\"},\"channelIds\":[\"{channelOfB}\"]}"),
            Map.entry("PATCH /api/v1/channels/{id}", "{\"name\":\"Stolen\"}"),
            Map.entry("POST /api/v1/channels/{id}/sandbox/inbound", "{\"from\":\"2348031230000\",\"text\":\"hi\"}"),
            Map.entry("POST /api/v1/contacts/{contactId}/facts", "{\"fact\":\"planted by B\"}"),
            Map.entry("PUT /api/v1/contacts/{contactId}/facts/{factId}", "{\"fact\":\"changed by B\"}"),
            Map.entry("PATCH /api/v1/contacts/{id}", "{\"name\":\"Stolen\"}"),
            Map.entry("PATCH /api/v1/inbox/conversations/{contactId}", "{\"status\":\"closed\"}"),
            Map.entry("POST /api/v1/inbox/conversations/{contactId}/reply", "{\"text\":\"hi from B\"}"),
            Map.entry("PUT /api/v1/templates/{id}", "{\"name\":\"Stolen\",\"category\":\"marketing\",\"body\":\"Hi\"}"),
            Map.entry("PATCH /api/v1/workspace/members/{userId}", "{\"role\":\"agent\"}"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager txManager;

    private Browser a;
    private Browser b;
    private JsonNode document;
    /** A's ids by what they name: a path's {id} is named by the segment before it, other parameters by their name. */
    private final Map<String, String> idsOfA = new LinkedHashMap<>();

    private String channelOfB = "";
    /** Strings only A's data holds: none may appear in what B or an anonymous caller gets back. */
    private final List<String> markersOfA = new ArrayList<>();

    @BeforeAll
    void workspaceAOwnsOneOfEverything() {
        a = new Browser(port).register("Walk A");
        b = new Browser(port).register("Walk B");
        document = new Browser(port).get("/v3/api-docs").body();
        channelOfB = created(b.post("/api/v1/channels/sandbox", Map.of("name", "B's own")));
        String marker = "walk-" + UUID.randomUUID().toString().substring(0, 8);
        String phone = "2348031" + (100000 + ThreadLocalRandom.current().nextInt(900000));
        markersOfA.add(marker);
        markersOfA.add(phone);

        String channel = created(a.post("/api/v1/channels/sandbox", Map.of("name", "Channel " + marker)));
        idsOfA.put("channels", channel);
        idsOfA.put("channelId", channel);
        assertThat(a.post(
                                "/api/v1/channels/" + channel + "/sandbox/inbound",
                                Map.of("from", phone, "text", "Message " + marker))
                        .status())
                .isBetween(200, 202);
        JsonNode message = await().atMost(Duration.ofSeconds(20))
                .until(() -> a.get("/api/v1/messages").data().path("items").get(0), m -> m != null);
        idsOfA.put("messages", message.path("id").asString());
        String contact = message.path("contactId").asString();
        idsOfA.put("contacts", contact);
        idsOfA.put("contactId", contact);
        assertThat(a.patch("/api/v1/contacts/" + contact, Map.of("name", "Contact " + marker))
                        .status())
                .isEqualTo(200);
        idsOfA.put(
                "factId", created(a.post("/api/v1/contacts/" + contact + "/facts", Map.of("fact", "Fact " + marker))));
        idsOfA.put(
                "templates",
                created(a.post(
                        "/api/v1/templates",
                        Map.of("name", "Template " + marker, "category", "marketing", "body", "Body " + marker))));
        idsOfA.put(
                "audiences",
                created(a.post(
                        "/api/v1/audiences",
                        Map.of(
                                "name",
                                "Audience " + marker,
                                "filter",
                                Map.of("tags", List.of("vip"), "match", "any", "optedInOnly", false)))));
        idsOfA.put(
                "campaigns",
                created(a.post(
                        "/api/v1/campaigns",
                        Map.of(
                                "name",
                                "Campaign " + marker,
                                "body",
                                "Hello " + marker,
                                "audience",
                                Map.of("kind", "all"),
                                "channelIds",
                                List.of(channel)))));
        Browser.Response imported = a.raw(
                "POST",
                "/api/v1/contacts/imports?filename=walk.csv",
                "name,phone\nImported,+2348031000001\n",
                "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(202);
        idsOfA.put("imports", imported.data().path("id").asString());
        idsOfA.put(
                "agents",
                created(a.post(
                        "/api/v1/agents",
                        Map.of("name", "Agent " + marker, "instructions", "Be kind", "channelIds", List.of()))));
        Browser.Response key = a.post("/api/v1/api-keys", Map.of("name", "Key " + marker));
        idsOfA.put("api-keys", created(key));
        markersOfA.add(key.data().path("key").asString());
        UUID workspace = java.util.Objects.requireNonNull(a.workspaceId());
        idsOfA.put("workspaces", workspace.toString());
        idsOfA.put(
                "userId",
                a.get("/api/v1/auth/me").data().path("user").path("id").asString());
        idsOfA.put("backups", backupOf(workspace).toString());
    }

    /** A finished backup row: running one needs a linked Drive, which is beside the point here. */
    private UUID backupOf(UUID workspace) {
        UUID id = Ids.newId();
        TenantContext.runAs(
                workspace,
                () -> new TransactionTemplate(txManager)
                        .executeWithoutResult(s -> jdbc.sql("""
                                insert into backups (tenant_id, id, trigger, status, file_name, finished_at)
                                values (:tenant, :id, 'manual', 'succeeded', 'walk.zip', now())
                                """)
                                .param("tenant", workspace)
                                .param("id", id)
                                .update()));
        return id;
    }

    private static String created(Browser.Response r) {
        assertThat(r.status()).as(r.raw()).isBetween(200, 201);
        return r.data().path("id").asString();
    }

    private record Operation(String method, String path) {
        String key() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }
    }

    private List<Operation> operations(boolean withPathParameters) {
        List<Operation> ops = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            boolean hasParams = path.getKey().contains("{");
            if (hasParams != withPathParameters) {
                continue;
            }
            for (var method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    ops.add(new Operation(method.getKey(), path.getKey()));
                }
            }
        }
        // B's deletes last: should one wrongly succeed, the rest of the walk still finds A's resources
        ops.sort(java.util.Comparator.comparing((Operation o) -> o.method().equals("delete")));
        return ops;
    }

    /** The path with A's ids in place of its parameters. */
    private String withIdsOfA(String path) {
        Matcher m = PATH_PARAM.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String key = name;
            if (name.equals("id")) {
                String before = path.substring(0, m.start() - 1);
                key = before.substring(before.lastIndexOf('/') + 1);
            }
            String id = idsOfA.get(key);
            assertThat(id)
                    .as("%s names {%s}: give workspace A one (%s) in workspaceAOwnsOneOfEverything", path, name, key)
                    .isNotNull();
            m.appendReplacement(out, id);
        }
        m.appendTail(out);
        return out.toString();
    }

    private @Nullable String bodyFor(Operation op) {
        if (op.method().equals("get") || op.method().equals("delete")) {
            return null;
        }
        return BODIES.getOrDefault(op.key(), "{}").replace("{channelOfB}", channelOfB);
    }

    private static Browser.Response call(Browser caller, Operation op, String path, @Nullable String body) {
        String method = op.method().toUpperCase(java.util.Locale.ROOT);
        // without a body the media type is sent as Accept: any, as a browser following a link would
        return body == null
                ? caller.raw(method, path, null, "*/*")
                : caller.raw(method, path, body, "application/json");
    }

    @Test
    void workspaceBGetsNotFoundForEveryOperationOnWorkspaceAsIds() {
        List<String> failures = new ArrayList<>();
        for (Operation op : operations(true)) {
            String path = withIdsOfA(op.path());
            Browser.Response r = call(b, op, path, bodyFor(op));
            Public open = PUBLIC.get(op.key());
            boolean expected = open != null
                    ? open.statuses().contains(r.status())
                    : r.status() == 404 || (r.status() == 403 && !r.errorCode().isEmpty());
            if (!expected) {
                failures.add(op.key() + " as B -> " + r.status() + " " + clip(r.raw()));
            }
            leaks(r, path).ifPresent(leak -> failures.add(op.key() + " as B shows A's " + leak));
        }
        assertThat(failures).as("B reached A's resources").isEmpty();
        assertWorkspaceAIntact();
    }

    @Test
    void workspaceBListsShowNothingOfWorkspaceA() {
        List<String> failures = new ArrayList<>();
        for (Operation op : operations(false)) {
            if (!op.method().equals("get") || op.path().equals("/api/v1/events")) {
                continue; // the event stream never ends; RealtimeIntegrationTests checks its isolation
            }
            Browser.Response r = b.get(op.path());
            if (r.status() >= 500) {
                failures.add(op.key() + " as B -> " + r.status() + " " + clip(r.raw()));
            }
            leaks(r, op.path()).ifPresent(leak -> failures.add(op.key() + " as B shows A's " + leak));
        }
        assertThat(failures).as("B's own reads").isEmpty();
    }

    @Test
    void anonymousCallersGetUnauthenticatedEverywhereButThePublicEndpoints() {
        Browser anonymous = new Browser(port);
        List<String> failures = new ArrayList<>();
        List<Operation> all = new ArrayList<>(operations(false));
        all.addAll(operations(true));
        for (Operation op : all) {
            String path = withIdsOfA(op.path());
            Browser.Response r = call(anonymous, op, path, bodyFor(op));
            Public open = PUBLIC.get(op.key());
            boolean expected = open != null
                    ? open.statuses().contains(r.status())
                    : r.status() == 401 && r.errorCode().equals("unauthenticated");
            if (!expected) {
                failures.add(op.key() + " anonymous -> " + r.status() + " " + clip(r.raw()));
            }
            leaks(r, path).ifPresent(leak -> failures.add(op.key() + " anonymous shows A's " + leak));
        }
        assertThat(failures).as("anonymous calls").isEmpty();
        assertThat(PUBLIC.keySet())
                .as("every public operation is still in the document")
                .allSatisfy(key -> assertThat(all.stream().map(Operation::key)).contains(key));
        assertWorkspaceAIntact();
    }

    @Test
    void everyCookieAuthenticatedWriteWithoutTheCsrfTokenIsRefused() throws Exception {
        String session = a.cookie("WDX_SESSION");
        List<String> failures = new ArrayList<>();
        List<Operation> all = new ArrayList<>(operations(false));
        all.addAll(operations(true));
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            for (Operation op : all) {
                if (op.method().equals("get") || CSRF_EXEMPT.contains(op.key())) {
                    continue;
                }
                String body = bodyFor(op);
                var request = java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(a.baseUrl() + withIdsOfA(op.path())))
                        .method(
                                op.method().toUpperCase(java.util.Locale.ROOT),
                                body == null
                                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                        : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .header("Cookie", "WDX_SESSION=" + session) // what a forged cross-site request carries
                        .build();
                var r = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 403 || !r.body().contains("CSRF")) {
                    failures.add(op.key() + " without the token -> " + r.statusCode() + " " + clip(r.body()));
                }
            }
        }
        assertThat(failures).as("cookie writes without the CSRF token").isEmpty();
        assertWorkspaceAIntact();
    }

    /** A's data in a response, other than the ids the caller itself put in the path. */
    private java.util.Optional<String> leaks(Browser.Response r, String path) {
        for (String marker : markersOfA) {
            if (r.raw().contains(marker)) {
                return java.util.Optional.of("data (" + marker + "): " + clip(r.raw()));
            }
        }
        for (var id : idsOfA.entrySet()) {
            if (!path.contains(id.getValue()) && r.raw().contains(id.getValue())) {
                return java.util.Optional.of(id.getKey() + " id: " + clip(r.raw()));
            }
        }
        return java.util.Optional.empty();
    }

    private void assertWorkspaceAIntact() {
        Map<String, String> reads = new HashMap<>();
        for (String kind :
                List.of("channels", "contacts", "templates", "audiences", "campaigns", "agents", "messages")) {
            reads.put(kind, "/api/v1/" + kind + "/" + idsOfA.get(kind));
        }
        reads.put("imports", "/api/v1/contacts/imports/" + idsOfA.get("imports"));
        reads.put("backups", "/api/v1/backups/" + idsOfA.get("backups"));
        reads.forEach((kind, path) -> {
            Browser.Response r = a.get(path);
            assertThat(r.status()).as("A still reads its %s", kind).isEqualTo(200);
            assertThat(r.raw()).as("A's %s unchanged by B", kind).doesNotContain("Stolen");
        });
        assertThat(a.get("/api/v1/contacts/" + idsOfA.get("contactId") + "/facts")
                        .raw())
                .contains(idsOfA.get("factId"))
                .doesNotContain("planted by B")
                .doesNotContain("changed by B");
        assertThat(a.get("/api/v1/workspace").data().path("plan").asString()).isEqualTo("pro");
        assertThat(a.get("/api/v1/auth/me").data().path("user").path("role").asString())
                .isEqualTo("owner");
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
