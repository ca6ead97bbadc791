package com.whatsdex.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The contacts and audiences HTTP API, over real HTTP against the embedded PostgreSQL. */
@IntegrationTest
class ContactsApiIntegrationTests {

    private static final String CONTACTS = "/api/v1/contacts";

    @LocalServerPort
    int port;

    @Autowired
    ContactsApi contactsApi;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    /** A new workspace whose default country is Nigeria. */
    private Browser nigerian(String name) {
        Browser b = new Browser(port).register(name);
        assertThat(b.patch("/api/v1/workspace", Map.of("defaultCountry", "NG")).status())
                .isEqualTo(200);
        return b;
    }

    private static Map<String, Object> contact(String phone, @Nullable String name, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("phone", phone);
        if (name != null) {
            body.put("name", name);
        }
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static String create(Browser b, Map<String, Object> body) {
        Browser.Response r = b.post(CONTACTS, body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data().path("id").asString();
    }

    private static List<String> names(Browser.Response list) {
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        list.data().path("items").forEach(c -> names.add(c.path("name").asString()));
        return names;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> fieldErrors(Browser.Response r) {
        Map<String, String> errors = new HashMap<>();
        r.body()
                .path("error")
                .path("details")
                .forEach(d ->
                        errors.put(d.path("field").asString(), d.path("message").asString()));
        return errors;
    }

    @Test
    void createsReadsEditsAndDeletesAContact() {
        Browser b = nigerian("CRUD");
        Browser.Response created = b.post(
                CONTACTS,
                contact(
                        "0803 123 4567",
                        "Ada Okafor",
                        "email",
                        "ada@example.com",
                        "tags",
                        List.of("vip", " lagos ", "vip"),
                        "attributes",
                        Map.of("city", "Lagos")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode c = created.data();
        String id = c.path("id").asString();
        assertThat(c.path("phone").asString()).isEqualTo("+2348031234567");
        assertThat(c.path("rawPhone").asString()).isEqualTo("0803 123 4567");
        assertThat(c.path("tags").toString()).isEqualTo("[\"vip\",\"lagos\"]");
        assertThat(c.path("attributes").path("city").asString()).isEqualTo("Lagos");
        assertThat(c.path("optedOut").asBoolean()).isFalse();

        assertThat(b.get(CONTACTS + "/" + id).data()).isEqualTo(c);

        Browser.Response edited =
                b.patch(CONTACTS + "/" + id, Map.of("name", "Ada O.", "tags", List.of("customer"), "optedOut", true));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.data().path("name").asString()).isEqualTo("Ada O.");
        assertThat(edited.data().path("email").asString())
                .as("absent fields keep their value")
                .isEqualTo("ada@example.com");
        assertThat(edited.data().path("tags").toString()).isEqualTo("[\"customer\"]");
        assertThat(edited.data().path("optedOut").asBoolean()).isTrue();
        assertThat(edited.data().path("optedOutAt").isNull()).isFalse();

        Browser.Response newPhone = b.patch(CONTACTS + "/" + id, Map.of("phone", "+234 805 000 1111", "email", ""));
        assertThat(newPhone.data().path("phone").asString()).isEqualTo("+2348050001111");
        assertThat(newPhone.data().path("email").isNull())
                .as("an empty email clears it")
                .isTrue();

        assertThat(b.delete(CONTACTS + "/" + id).status()).isEqualTo(200);
        assertThat(b.get(CONTACTS + "/" + id).status()).isEqualTo(404);
        assertThat(b.delete(CONTACTS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void rejectsInvalidFieldsWithFieldErrors() {
        Browser b = nigerian("Validation");
        Browser.Response bad = b.post(
                CONTACTS,
                contact(
                        "12345",
                        "x".repeat(201),
                        "email",
                        "not-an-email",
                        "tags",
                        List.of("ok", " "),
                        "attributes",
                        Map.of("k", "v")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("validation_failed");
        assertThat(fieldErrors(bad)).containsKeys("name", "email");

        Browser.Response phone = b.post(CONTACTS, contact("12345", "A", "tags", List.of("ok", " ")));
        assertThat(phone.status()).isEqualTo(400);
        assertThat(fieldErrors(phone)).containsKeys("phone", "tags");
        assertThat(fieldErrors(phone).get("phone")).isEqualTo("is not a valid phone number for NG");

        Browser.Response wrongCountry = b.post(CONTACTS, contact("+234 1", "A"));
        assertThat(wrongCountry.status()).isEqualTo(400);
        assertThat(fieldErrors(wrongCountry)).containsKey("phone");

        Browser.Response missing = b.post(CONTACTS, Map.of("name", "No phone"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fieldErrors(missing)).containsEntry("phone", "is required");

        Browser.Response longKey =
                b.post(CONTACTS, contact("08031112222", "A", "attributes", Map.of("k".repeat(65), "v")));
        assertThat(fieldErrors(longKey)).containsKey("attributes");
        assertThat(b.get(CONTACTS).data().path("items").size()).isZero();
    }

    @Test
    void aDuplicatePhoneAnswers409WithTheExistingContact() {
        Browser b = nigerian("Duplicates");
        String id = create(b, contact("08031234567", "First"));
        Browser.Response dup = b.post(CONTACTS, contact("+2348031234567", "Second"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.errorCode()).isEqualTo("duplicate_phone");
        assertThat(fieldErrors(dup)).containsEntry("existingContactId", id);

        String other = create(b, contact("08039999999", "Other"));
        Browser.Response moved = b.patch(CONTACTS + "/" + other, Map.of("phone", "0803 123 4567"));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(fieldErrors(moved)).containsEntry("existingContactId", id);
    }

    @Test
    void searchesNamesEmailsAndPhonesTypedNationallyOrInternationally() {
        Browser b = nigerian("Search");
        create(b, contact("08031110001", "Kelechi Ibekwe", "email", "kc@shop.ng"));
        create(b, contact("08051110002", "Ngozi Adeyemi", "email", "ngozi@example.com"));
        create(b, contact("+447911123456", "Émeka Brown", "email", "emeka@example.co.uk"));
        create(b, contact("08031110003", null, "email", "nameless@example.com"));

        assertThat(names(b.get(CONTACTS + "?search=kel"))).containsExactly("Kelechi Ibekwe");
        assertThat(names(b.get(CONTACTS + "?search=ibek"))).as("last word").containsExactly("Kelechi Ibekwe");
        assertThat(names(b.get(CONTACTS + "?search=" + q("ÉMEKA")))).containsExactly("Émeka Brown");
        assertThat(names(b.get(CONTACTS + "?search=ngozi%40"))).as("email").containsExactly("Ngozi Adeyemi");
        assertThat(names(b.get(CONTACTS + "?search=KC%40SHOP"))).containsExactly("Kelechi Ibekwe");
        assertThat(b.get(CONTACTS + "?search=nameless")
                        .data()
                        .path("items")
                        .path(0)
                        .path("phone")
                        .asString())
                .isEqualTo("+2348031110003");

        // phones: national with trunk prefix, international with and without +, with spaces, partial
        assertThat(names(b.get(CONTACTS + "?search=" + q("0803 111 0001")))).containsExactly("Kelechi Ibekwe");
        assertThat(names(b.get(CONTACTS + "?search=" + q("+234 803 111 0001")))).containsExactly("Kelechi Ibekwe");
        assertThat(names(b.get(CONTACTS + "?search=2348031110001"))).containsExactly("Kelechi Ibekwe");
        assertThat(names(b.get(CONTACTS + "?search=" + q("0805-111")))).containsExactly("Ngozi Adeyemi");
        assertThat(b.get(CONTACTS + "?search=" + q("0803 111"))
                        .data()
                        .path("items")
                        .size())
                .isEqualTo(2);
        assertThat(names(b.get(CONTACTS + "?search=" + q("+44 7911")))).containsExactly("Émeka Brown");
        assertThat(names(b.get(CONTACTS + "?search=" + q("00447911123456")))).containsExactly("Émeka Brown");
        assertThat(b.get(CONTACTS + "?search=nobody").data().path("items").size())
                .isZero();
        assertThat(b.get(CONTACTS + "/count?search=0803").data().path("count").asLong())
                .isEqualTo(2);
    }

    @Test
    void filtersByAnyOfSeveralTags() {
        Browser b = nigerian("Tags");
        create(b, contact("08031110001", "Vip", "tags", List.of("vip")));
        create(b, contact("08031110002", "Lagos", "tags", List.of("lagos", "lead")));
        create(b, contact("08031110003", "Both", "tags", List.of("vip", "lagos")));
        create(b, contact("08031110004", "None"));

        assertThat(names(b.get(CONTACTS + "?tag=vip"))).containsExactlyInAnyOrder("Vip", "Both");
        assertThat(names(b.get(CONTACTS + "?tag=vip&tag=lead"))).containsExactlyInAnyOrder("Vip", "Lagos", "Both");
        assertThat(names(b.get(CONTACTS + "?tag=vip&search=bo"))).containsExactly("Both");
        assertThat(names(b.get(CONTACTS + "?tag=nobody"))).isEmpty();
        assertThat(b.get(CONTACTS + "/count?tag=lagos").data().path("count").asLong())
                .isEqualTo(2);
        assertThat(b.get(CONTACTS + "/count").data().path("count").asLong()).isEqualTo(4);
    }

    @Test
    void pagesThroughEverySortWithoutDuplicatesOrGaps() {
        Browser b = nigerian("Pages");
        UUID tenant = b.workspaceId();
        List<String> names = List.of(
                "delta", "Alpha", "charlie", "bravo", "Echo", "foxtrot", "golf", "hotel", "India", "juliet", "kilo",
                "lima", "mike");
        Map<String, String> idsByName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            idsByName.put(names.get(i), create(b, contact("0803111%04d".formatted(i), names.get(i))));
        }
        // two without a name sort by their email or phone
        idsByName.put("+2348032220000", create(b, contact("08032220000", null)));
        idsByName.put("zulu@example.com", create(b, contact("08032220001", null, "email", "Zulu@example.com")));
        // interactions for some: the rest come last in that order
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        TenantContext.runAs(tenant, () -> {
            contactsApi.recordInbound(UUID.fromString(idsByName.get("kilo")), UUID.randomUUID(), t0.plusSeconds(30));
            contactsApi.recordInbound(UUID.fromString(idsByName.get("Alpha")), UUID.randomUUID(), t0.plusSeconds(10));
            contactsApi.recordOutbound(UUID.fromString(idsByName.get("mike")), UUID.randomUUID(), t0.plusSeconds(20));
        });

        List<String> byCreated = walk(b, "created_at", 4);
        List<String> expectedCreated = new ArrayList<>(names);
        expectedCreated.add("+2348032220000");
        expectedCreated.add("zulu@example.com");
        java.util.Collections.reverse(expectedCreated);
        assertThat(byCreated).containsExactlyElementsOf(expectedCreated);

        List<String> byName = walk(b, "name", 4);
        List<String> expectedByName = new ArrayList<>(idsByName.keySet());
        expectedByName.sort(Comparator.comparing(s -> s.toLowerCase(Locale.ROOT)));
        assertThat(byName).containsExactlyElementsOf(expectedByName);

        List<String> byInteraction = walk(b, "last_interaction_at", 5);
        assertThat(byInteraction).hasSize(15).doesNotHaveDuplicates();
        assertThat(byInteraction.subList(0, 3)).containsExactly("kilo", "mike", "Alpha");

        Browser.Response wrongSort = b.get(CONTACTS + "?sort=name&cursor="
                + b.get(CONTACTS + "?limit=2").data().path("nextCursor").asString());
        assertThat(wrongSort.status()).isEqualTo(400);
        assertThat(fieldErrors(wrongSort)).containsKey("cursor");
        assertThat(b.get(CONTACTS + "?cursor=garbage!").status()).isEqualTo(400);
        assertThat(b.get(CONTACTS + "?sort=age").status()).isEqualTo(400);
        assertThat(b.get(CONTACTS + "?limit=501").status()).isEqualTo(400);
    }

    /** Every page of a sort; display key = name, else email, else phone. */
    private static List<String> walk(Browser b, String sort, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Browser.Response page =
                    b.get(CONTACTS + "?sort=" + sort + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            assertThat(page.data().path("items").size()).isLessThanOrEqualTo(limit);
            page.data().path("items").forEach(c -> seen.add(display(c)));
            cursor = page.data().path("nextCursor").isNull()
                    ? null
                    : page.data().path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen).doesNotHaveDuplicates();
        return seen;
    }

    private static String display(JsonNode c) {
        if (!c.path("name").isNull()) {
            return c.path("name").asString();
        }
        return c.path("email").isNull()
                ? c.path("phone").asString()
                : c.path("email").asString().toLowerCase(Locale.ROOT);
    }

    @Test
    void bulkDeletesASelectionOrEverythingMatchingAFilter() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        Browser a = two.a();
        a.patch("/api/v1/workspace", Map.of("defaultCountry", "NG"));
        String one = create(a, contact("08031110001", "One", "tags", List.of("old")));
        String two1 = create(a, contact("08031110002", "Two", "tags", List.of("old")));
        create(a, contact("08031110003", "Three", "tags", List.of("old", "keep")));
        create(a, contact("08031110004", "Four"));
        String ofB = create(two.b(), contact("+2348031110001", "B's"));

        Browser.Response selection = a.post(
                CONTACTS + "/bulk-delete",
                Map.of("ids", List.of(one, one, ofB, UUID.randomUUID().toString())));
        assertThat(selection.status()).as(selection.raw()).isEqualTo(200);
        assertThat(selection.data().path("deleted").asLong()).isEqualTo(1);
        assertThat(two.b().get(CONTACTS + "/" + ofB).status())
                .as("B's contact survives A's bulk delete")
                .isEqualTo(200);

        Browser.Response byFilter =
                a.post(CONTACTS + "/bulk-delete", Map.of("filter", Map.of("tags", List.of("old"), "search", "t")));
        assertThat(byFilter.data().path("deleted").asLong()).isEqualTo(2);
        assertThat(a.get(CONTACTS + "/" + two1).status()).isEqualTo(404);
        assertThat(names(a.get(CONTACTS))).containsExactly("Four");

        assertThat(a.post(CONTACTS + "/bulk-delete", Map.of()).status()).isEqualTo(400);
        Browser.Response all = a.post(CONTACTS + "/bulk-delete", Map.of("filter", Map.of()));
        assertThat(all.data().path("deleted").asLong()).isEqualTo(1);
        assertThat(a.get(CONTACTS + "/count").data().path("count").asLong()).isZero();
        assertThat(two.b().get(CONTACTS + "/count").data().path("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void exportsTheFilteredContactsAsExcelFriendlyCsv() {
        Browser b = nigerian("Export");
        create(
                b,
                contact(
                        "08031110001",
                        "Okafor, \"Ada\"",
                        "email",
                        "ada@example.com",
                        "tags",
                        List.of("vip", "lagos"),
                        "attributes",
                        Map.of("note", "line one\nline two")));
        create(b, contact("08031110002", "=HYPERLINK(\"x\")", "tags", List.of("lead")));
        create(b, contact("08031110003", "Zoë Müller", "tags", List.of("vip")));

        Browser.Response all = b.raw("GET", CONTACTS + "/export.csv", null, "text/csv");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("text/csv");
        assertThat(all.header("Content-Disposition")).contains("attachment").contains(".csv");
        String csv = all.raw();
        assertThat(csv).startsWith("\uFEFFname,phone,email,tags,opted_out,last_interaction_at,created_at,attributes");
        assertThat(csv.split("\r\n", -1))
                .as("header + 3 rows, each ending in CRLF")
                .hasSize(5);
        assertThat(csv).contains("\"Okafor, \"\"Ada\"\"\",+2348031110001,ada@example.com,\"vip, lagos\",false,");
        assertThat(csv).contains("\"note=line one\nline two\"");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(csv).contains("Zoë Müller,+2348031110003");

        String vip = b.raw("GET", CONTACTS + "/export.csv?tag=vip&sort=name", null, "text/csv")
                .raw();
        assertThat(vip.split("\r\n", -1)).hasSize(4);
        assertThat(vip.indexOf("Okafor")).isLessThan(vip.indexOf("Zoë"));
        assertThat(vip).doesNotContain("HYPERLINK");
        String searched = b.raw("GET", CONTACTS + "/export.csv?search=" + q("0803 111 0003"), null, "text/csv")
                .raw();
        assertThat(searched).contains("Zoë").doesNotContain("Okafor");
    }

    @Test
    void refusesToCreateContactsPastThePlanLimit() {
        Browser b = nigerian("Limit");
        UUID tenant = b.workspaceId();
        Browser operator = new Browser(port).withBearer("test-operator-token");
        assertThat(operator.put("/api/v1/admin/workspaces/" + tenant + "/plan", Map.of("plan", "starter"))
                        .status())
                .isEqualTo(200);
        long limit = com.whatsdex.tenancy.Plan.starter.limits().contacts();
        // the counter trigger counts a bulk insert like any other
        TenantContext.runAs(
                tenant,
                () -> tx.executeWithoutResult(
                        s -> jdbc.sql("""
                        insert into contacts (tenant_id, id, phone)
                        select current_tenant_id(), gen_random_uuid(), '+23480' || lpad(g::text, 8, '0')
                        from generate_series(1, :n) g
                        """).param("n", limit - 1).update()));
        assertThat(b.get(CONTACTS + "/count").data().path("count").asLong()).isEqualTo(limit - 1);

        String last = create(b, contact("09031110001", "Last one"));
        Browser.Response over = b.post(CONTACTS, contact("09031110002", "Too many"));
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.errorCode()).isEqualTo("contact_limit_reached");
        assertThat(over.body().path("error").path("message").asString()).contains(String.valueOf(limit));
        assertThat(TenantContext.callAs(tenant, () -> contactsApi.remainingCapacity()))
                .isZero();
        assertThat(TenantContext.callAs(tenant, () -> contactsApi.count())).isEqualTo(limit);

        assertThat(b.delete(CONTACTS + "/" + last).status()).isEqualTo(200);
        assertThat(b.post(CONTACTS, contact("09031110002", "Fits again")).status())
                .isEqualTo(201);
    }

    @Test
    void audiencesCountTheirContactsLive() {
        Browser b = nigerian("Audiences");
        UUID tenant = b.workspaceId();
        create(b, contact("08031110001", "Vip Lagos", "tags", List.of("vip", "lagos")));
        create(b, contact("08031110002", "Vip", "tags", List.of("vip")));
        String optedOut =
                create(b, contact("08031110003", "Vip out", "tags", List.of("vip", "lagos"), "optedOut", true));
        create(b, contact("08031110004", "Lead", "tags", List.of("lead")));

        Browser.Response any = b.post(
                "/api/v1/audiences",
                Map.of(
                        "name",
                        "VIPs or leads",
                        "filter",
                        Map.of("tags", List.of("vip", "lead"), "match", "any", "optedInOnly", true)));
        assertThat(any.status()).as(any.raw()).isEqualTo(201);
        assertThat(any.data().path("count").asLong()).isEqualTo(3);
        String anyId = any.data().path("id").asString();

        Map<String, Object> allFilter = new HashMap<>();
        allFilter.put("tags", List.of("vip", "lagos"));
        allFilter.put("match", "all");
        allFilter.put("optedInOnly", false);
        String allId = b.post("/api/v1/audiences", Map.of("name", "Lagos VIPs", "filter", allFilter))
                .data()
                .path("id")
                .asString();
        assertThat(b.get("/api/v1/audiences/" + allId + "/count")
                        .data()
                        .path("count")
                        .asLong())
                .isEqualTo(2);
        assertThat(b.post("/api/v1/audiences/count", allFilter)
                        .data()
                        .path("count")
                        .asLong())
                .isEqualTo(2);

        Browser.Response dupName = b.post("/api/v1/audiences", Map.of("name", "lagos vips", "filter", allFilter));
        assertThat(dupName.status()).isEqualTo(409);
        assertThat(b.post("/api/v1/audiences", Map.of("name", "", "filter", allFilter))
                        .status())
                .isEqualTo(400);

        // live: a new contact and an opt-in change the counts without touching the audiences
        create(b, contact("08031110005", "New lead", "tags", List.of("lead")));
        b.patch(CONTACTS + "/" + optedOut, Map.of("optedOut", false));
        Browser.Response list = b.get("/api/v1/audiences");
        Map<String, Long> counts = new HashMap<>();
        list.data()
                .path("items")
                .forEach(a ->
                        counts.put(a.path("name").asString(), a.path("count").asLong()));
        assertThat(counts).containsEntry("VIPs or leads", 5L).containsEntry("Lagos VIPs", 2L);

        Browser.Response edited = b.patch(
                "/api/v1/audiences/" + anyId,
                Map.of(
                        "name",
                        "Leads",
                        "filter",
                        Map.of("tags", List.of("lead"), "match", "any", "optedInOnly", true, "search", "new")));
        assertThat(edited.data().path("count").asLong()).isEqualTo(1);
        assertThat(edited.data().path("filter").path("search").asString()).isEqualTo("new");

        // what campaigns use: the count and a keyset walk in batches
        TenantContext.runAs(tenant, () -> {
            assertThat(contactsApi.countAudience(UUID.fromString(allId))).isEqualTo(2);
            Set<UUID> walked = new LinkedHashSet<>();
            UUID after = null;
            List<ContactRef> batch;
            do {
                batch = contactsApi.audienceBatch(null, after, 2);
                batch.forEach(r -> walked.add(r.id()));
                after = batch.isEmpty() ? null : batch.getLast().id();
            } while (batch.size() == 2);
            assertThat(walked).hasSize(5);
            assertThat(contactsApi.audienceBatch(UUID.fromString(anyId), null, 10))
                    .extracting(ContactRef::name)
                    .containsExactly("New lead");
        });

        assertThat(b.delete("/api/v1/audiences/" + anyId).status()).isEqualTo(200);
        assertThat(b.get("/api/v1/audiences/" + anyId).status()).isEqualTo(404);
        assertThat(b.get("/api/v1/audiences/" + anyId + "/count").status()).isEqualTo(404);
    }

    @Test
    void anotherWorkspaceNeverSeesContactsExportsOrAudiences() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        Browser a = two.a();
        Browser b = two.b();
        String ofA = create(a, contact("+2348031110001", "Secret of A", "tags", List.of("shared")));
        create(b, contact("+2348031110002", "B's own", "tags", List.of("shared")));

        two.assertInvisibleToB(CONTACTS + "/" + ofA, Map.of("name", "taken by B"));
        two.assertListsDisjoint(CONTACTS, "id");
        assertThat(b.get(CONTACTS + "?search=secret").data().path("items").size())
                .isZero();
        assertThat(b.get(CONTACTS + "?search=" + q("+2348031110001"))
                        .data()
                        .path("items")
                        .size())
                .isZero();
        assertThat(b.get(CONTACTS + "/count?tag=shared").data().path("count").asLong())
                .isEqualTo(1);
        String exportOfB =
                b.raw("GET", CONTACTS + "/export.csv", null, "text/csv").raw();
        assertThat(exportOfB).contains("B's own").doesNotContain("Secret of A").doesNotContain("+2348031110001");
        assertThat(b.post(CONTACTS + "/bulk-delete", Map.of("ids", List.of(ofA)))
                        .data()
                        .path("deleted")
                        .asLong())
                .isZero();
        assertThat(b.post(CONTACTS, contact("+2348031110001", "Same phone in B"))
                        .status())
                .as("phones are unique per workspace only")
                .isEqualTo(201);

        Map<String, Object> filter = Map.of("tags", List.of("shared"), "match", "any", "optedInOnly", true);
        String audienceOfA = a.post("/api/v1/audiences", Map.of("name", "Shared", "filter", filter))
                .data()
                .path("id")
                .asString();
        b.post("/api/v1/audiences", Map.of("name", "Shared", "filter", filter));
        two.assertInvisibleToB("/api/v1/audiences/" + audienceOfA, Map.of("name", "x", "filter", filter));
        assertThat(b.get("/api/v1/audiences/" + audienceOfA + "/count").status())
                .isEqualTo(404);
        two.assertListsDisjoint("/api/v1/audiences", "id");
        assertThat(a.get("/api/v1/audiences/" + audienceOfA + "/count")
                        .data()
                        .path("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(b.get("/api/v1/audiences")
                        .data()
                        .path("items")
                        .path(0)
                        .path("count")
                        .asLong())
                .as("B's audience counts only B's contacts")
                .isEqualTo(1);
    }
}
