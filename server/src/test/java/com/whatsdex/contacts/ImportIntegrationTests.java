package com.whatsdex.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.support.Browser;
import com.whatsdex.support.EventStream;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Contact imports over real HTTP into the embedded PostgreSQL, with files written the way Google Contacts, Outlook
 * and Excel write them. The test profile merges 2 rows per batch, so every import here spans several batches.
 */
@IntegrationTest
class ImportIntegrationTests {

    private static final String IMPORTS = "/api/v1/contacts/imports";

    @LocalServerPort
    int port;

    private Browser workspace(String name, String country) {
        Browser b = new Browser(port).register(name);
        assertThat(b.patch("/api/v1/workspace", Map.of("defaultCountry", country))
                        .status())
                .isEqualTo(200);
        return b;
    }

    private static JsonNode importRaw(Browser b, byte[] file, String query) {
        Browser.Response r = b.bytes("POST", IMPORTS + "?filename=contacts.csv" + query, file, "text/csv");
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        return finished(b, r.data().path("id").asString());
    }

    private static JsonNode finished(Browser b, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = b.get(IMPORTS + "/" + id).data();
            return List.of("completed", "failed", "cancelled")
                    .contains(last[0].path("status").asString());
        });
        return last[0];
    }

    private static JsonNode contactByPhone(Browser b, String e164) {
        Browser.Response list = b.get("/api/v1/contacts?search=" + e164.replace("+", "%2B"));
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        for (JsonNode c : list.data().path("items")) {
            if (c.path("phone").asString().equals(e164)) {
                return c;
            }
        }
        throw new AssertionError("no contact " + e164 + " in " + list.raw());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static void assertCounts(JsonNode imp, long rows, long created, long updated, long skipped, long rejected) {
        assertThat(imp.path("status").asString()).as(imp.toString()).isEqualTo("completed");
        assertThat(List.of(
                        imp.path("rows").asLong(),
                        imp.path("created").asLong(),
                        imp.path("updated").asLong(),
                        imp.path("skipped").asLong(),
                        imp.path("rejected").asLong()))
                .as("rows, created, updated, skipped, rejected of %s", imp)
                .containsExactly(rows, created, updated, skipped, rejected);
        assertThat(imp.path("percent").asInt()).isEqualTo(100);
    }

    static final String GOOGLE = """
            First Name,Middle Name,Last Name,Nickname,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Organization Name,Labels
            Chiamaka,,Okafor,Amaka,* Home,chiamaka@example.com ::: amaka@work.example,Mobile,+234 803 123 4567 ::: +234 1 234 5678,,,Okafor Foods,* myContacts ::: Customers ::: VIP
            José,María,García,,* Work,jose@example.es,Mobile,0803 765 4321,,,,* myContacts
            Zoë,,Brontë,,,,Home,,Mobile,0812 555 0101,,* starred ::: * myContacts
            """;

    @Test
    void importsAGoogleContactsExport() {
        Browser b = workspace("Google import", "NG");
        JsonNode imp = importRaw(b, GOOGLE.getBytes(StandardCharsets.UTF_8), "&tags=from-google");
        assertCounts(imp, 3, 3, 0, 0, 0);
        assertThat(imp.path("encoding").asString()).isEqualTo("UTF-8");
        assertThat(imp.path("delimiter").asString()).isEqualTo("comma");

        JsonNode chiamaka = contactByPhone(b, "+2348031234567");
        assertThat(chiamaka.path("name").asString()).isEqualTo("Chiamaka Okafor");
        assertThat(chiamaka.path("email").asString()).isEqualTo("chiamaka@example.com");
        assertThat(texts(chiamaka.path("tags"))).containsExactly("Customers", "VIP", "from-google");
        assertThat(chiamaka.path("attributes").path("nickname").asString()).isEqualTo("Amaka");
        assertThat(chiamaka.path("attributes").path("organization_name").asString())
                .isEqualTo("Okafor Foods");
        assertThat(chiamaka.path("attributes").has("e_mail_1_label")).isFalse();
        assertThat(contactByPhone(b, "+2348037654321").path("name").asString()).isEqualTo("José María García");
        JsonNode zoe = contactByPhone(b, "+2348125550101");
        assertThat(zoe.path("name").asString()).isEqualTo("Zoë Brontë");
        assertThat(texts(zoe.path("tags"))).containsExactly("starred", "from-google");
    }

    @Test
    void importsAnOutlookExportSavedAsUtf16() {
        Browser b = workspace("Outlook import", "NG");
        String outlook = "\uFEFFFirst Name,Middle Name,Last Name,E-mail Address,Home Phone,Business Phone,Mobile Phone,"
                + "Company,Categories\r\n"
                + "Ngozi,,Eze,ngozi@example.com,01 234 5678,,0805 111 2222,Eze & Sons,Wholesale;Lagos\r\n"
                + "Émile,,Zola,,,,+33 6 12 34 56 78,,\r\n";
        JsonNode imp = importRaw(b, outlook.getBytes(StandardCharsets.UTF_16LE), "");
        assertCounts(imp, 2, 2, 0, 0, 0);
        assertThat(imp.path("encoding").asString()).isEqualTo("UTF-16LE");
        JsonNode ngozi = contactByPhone(b, "+2348051112222");
        assertThat(ngozi.path("name").asString()).isEqualTo("Ngozi Eze");
        assertThat(texts(ngozi.path("tags"))).containsExactly("Wholesale", "Lagos");
        assertThat(ngozi.path("attributes").path("company").asString()).isEqualTo("Eze & Sons");
        assertThat(contactByPhone(b, "+33612345678").path("name").asString()).isEqualTo("Émile Zola");
    }

    @Test
    void importsASemicolonSeparatedWindows1252FileWithTheChosenCountry() {
        Browser b = workspace("Excel import", "NG");
        String excel =
                "Nom;Téléphone;Ville\r\nFrançoise Müller;+49 151 23456789;Köln\r\nRenée Dupont;06 12 34 56 78;Paris\r\n";
        JsonNode imp =
                importRaw(b, excel.getBytes(java.nio.charset.Charset.forName("windows-1252")), "&defaultCountry=FR");
        assertCounts(imp, 2, 2, 0, 0, 0);
        assertThat(imp.path("encoding").asString()).isEqualTo("windows-1252");
        assertThat(imp.path("delimiter").asString()).isEqualTo("semicolon");
        JsonNode renee = contactByPhone(b, "+33612345678");
        assertThat(renee.path("name").asString()).isEqualTo("Renée Dupont");
        assertThat(renee.path("attributes").path("ville").asString()).isEqualTo("Paris");
        assertThat(contactByPhone(b, "+4915123456789")
                        .path("attributes")
                        .path("ville")
                        .asString())
                .isEqualTo("Köln");
    }

    @Test
    void keepsQuotedLineBreaksInsideOneRow() {
        Browser b = workspace("Quoted import", "US");
        String csv =
                "name,phone,notes\n\"Ada \"\"The Countess\"\" Lovelace\",+1 202 555 0143,\"line one\nline two, with comma\"\n"
                        + "Bob,(202) 555-0178,plain\n";
        JsonNode imp = importRaw(b, csv.getBytes(StandardCharsets.UTF_8), "");
        assertCounts(imp, 2, 2, 0, 0, 0);
        JsonNode ada = contactByPhone(b, "+12025550143");
        assertThat(ada.path("name").asString()).isEqualTo("Ada \"The Countess\" Lovelace");
        assertThat(ada.path("attributes").path("notes").asString()).isEqualTo("line one\nline two, with comma");
    }

    static final String DUPLICATES_AND_INVALID = """
            phone,name,tags
            +2348031110001,One,a
            +2348031110002,Two,
            +2348031110001,One again,b
            12345,Bad,
            ,No phone,
            +2348031110003,Three,
            """;

    @Test
    void countsDuplicatesUpdatesAndRejectsAndOffersTheRejectedRows() {
        Browser b = workspace("Duplicates import", "NG");
        assertThat(b.post(
                                "/api/v1/contacts",
                                Map.of("phone", "+2348031110002", "name", "Existing Two", "tags", List.of("old")))
                        .status())
                .isEqualTo(201);

        JsonNode imp = importRaw(b, DUPLICATES_AND_INVALID.getBytes(StandardCharsets.UTF_8), "&onExisting=update");
        assertCounts(imp, 6, 2, 1, 1, 2);
        JsonNode two = contactByPhone(b, "+2348031110002");
        assertThat(two.path("name").asString()).isEqualTo("Two");
        assertThat(texts(two.path("tags"))).containsExactly("old");
        // the first of two rows with one phone wins
        assertThat(contactByPhone(b, "+2348031110001").path("name").asString()).isEqualTo("One");

        Browser.Response errors =
                b.raw("GET", IMPORTS + "/" + imp.path("id").asString() + "/errors.csv", null, "text/csv");
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.raw())
                .isEqualTo("\uFEFFphone,name,tags,error\r\n"
                        + "12345,Bad,,\"phone \"\"12345\"\" is not a valid phone number for NG\"\r\n"
                        + ",No phone,,no phone number\r\n");

        // the same file again, skipping existing contacts: nothing changes
        JsonNode again = importRaw(b, DUPLICATES_AND_INVALID.getBytes(StandardCharsets.UTF_8), "&onExisting=skip");
        assertCounts(again, 6, 0, 0, 4, 2);
        assertThat(b.get("/api/v1/contacts/count").data().path("count").asLong())
                .isEqualTo(3);
    }

    @Test
    void undoRemovesOnlyTheContactsTheImportCreated() {
        Browser b = workspace("Undo import", "NG");
        assertThat(b.post("/api/v1/contacts", Map.of("phone", "+2348031110002", "name", "Kept"))
                        .status())
                .isEqualTo(201);
        JsonNode imp = importRaw(b, DUPLICATES_AND_INVALID.getBytes(StandardCharsets.UTF_8), "");
        String id = imp.path("id").asString();
        assertThat(b.get("/api/v1/contacts/count").data().path("count").asLong())
                .isEqualTo(3);

        Browser.Response undo = b.post(IMPORTS + "/" + id + "/undo", null);
        assertThat(undo.status()).as(undo.raw()).isEqualTo(200);
        assertThat(undo.data().path("undoneCount").asLong()).isEqualTo(2);
        assertThat(b.get("/api/v1/contacts/count").data().path("count").asLong())
                .isEqualTo(1);
        assertThat(contactByPhone(b, "+2348031110002").path("name").asString()).isEqualTo("Two");

        Browser.Response twice = b.post(IMPORTS + "/" + id + "/undo", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorCode()).isEqualTo("invalid_state");
        Browser.Response cancelEnded = b.post(IMPORTS + "/" + id + "/cancel", null);
        assertThat(cancelEnded.status()).isEqualTo(409);
    }

    @Test
    void cancellingARunningImportStopsItAtABatchBoundaryAndKeepsWhatWasMerged() {
        Browser b = workspace("Cancel import", "NG");
        StringBuilder csv = new StringBuilder("phone,name\n");
        for (int i = 0; i < 3000; i++) {
            csv.append(String.format("+23480311%05d,Person %d%n", i, i));
        }
        Browser.Response accepted = b.bytes(
                "POST", IMPORTS + "?filename=big.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String id = accepted.data().path("id").asString();

        // cancel once it is running and has merged some rows
        await().atMost(Duration.ofSeconds(30))
                .until(() -> b.get(IMPORTS + "/" + id).data().path("rows").asLong() > 0);
        Browser.Response cancel = b.post(IMPORTS + "/" + id + "/cancel", null);
        assertThat(cancel.status()).as(cancel.raw()).isEqualTo(200);
        JsonNode imp = finished(b, id);
        assertThat(imp.path("status").asString()).isEqualTo("cancelled");
        // 2 rows a batch here: stopping took at most a batch, far from all 3,000 rows
        long created = imp.path("created").asLong();
        assertThat(created).isPositive();
        assertThat(imp.path("rows").asLong()).isLessThan(3000);
        assertThat(b.get("/api/v1/contacts/count").data().path("count").asLong())
                .isEqualTo(created);
        // what was merged stays until undone
        Browser.Response undo = b.post(IMPORTS + "/" + id + "/undo", null);
        assertThat(undo.status()).as(undo.raw()).isEqualTo(200);
        assertThat(b.get("/api/v1/contacts/count").data().path("count").asLong())
                .isZero();
    }

    @Test
    void attributeKeysFromImportsAndEditsAreListedForTheWorkspaceOnly() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        importRaw(
                two.a(),
                "phone,name,City,Loyalty Points\n+2348031110001,A,Lagos,10\n".getBytes(StandardCharsets.UTF_8),
                "&defaultCountry=NG");
        String contact = two.a()
                .get("/api/v1/contacts")
                .data()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(two.a()
                        .patch(
                                "/api/v1/contacts/" + contact,
                                Map.of("attributes", Map.of("city", "Abuja", "tier", "gold")))
                        .status())
                .isEqualTo(200);
        Browser.Response keys = two.a().get("/api/v1/contacts/attribute-keys");
        assertThat(keys.status()).as(keys.raw()).isEqualTo(200);
        assertThat(texts(keys.data().path("keys"))).containsExactly("city", "loyalty_points", "tier");
        assertThat(texts(two.b().get("/api/v1/contacts/attribute-keys").data().path("keys")))
                .isEmpty();
    }

    @Test
    void aFileWithOnlyAHeaderCompletesWithNoRows() {
        Browser b = workspace("Header only", "NG");
        JsonNode imp = importRaw(b, "name,phone\r\n".getBytes(StandardCharsets.UTF_8), "");
        assertCounts(imp, 0, 0, 0, 0, 0);
    }

    @Test
    void refusesEmptyBinaryAndOversizedFilesAndKeepsNothing() {
        Browser b = workspace("Bad files", "NG");
        Browser.Response empty = b.bytes("POST", IMPORTS, new byte[0], "text/csv");
        assertThat(empty.status()).as(empty.raw()).isEqualTo(400);
        assertThat(empty.body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("file");

        byte[] png = new byte[4096];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        Browser.Response binary = b.multipart(IMPORTS, "file", "photo.csv", png, Map.of());
        assertThat(binary.status()).as(binary.raw()).isEqualTo(400);
        assertThat(binary.errorCode()).isEqualTo("invalid_file");
        assertThat(binary.body().path("error").path("message").asString()).contains("not a CSV text file");

        byte[] big = ("phone,name\n" + "+2348031110001,Somebody\n".repeat(3 * 1024 * 1024 / 24 + 1))
                .getBytes(StandardCharsets.UTF_8);
        Browser.Response raw = b.bytes("POST", IMPORTS, big, "text/csv");
        assertThat(raw.status()).as(raw.raw()).isEqualTo(413);
        assertThat(raw.errorCode()).isEqualTo("payload_too_large");
        Browser.Response multipart = b.multipart(IMPORTS, "file", "big.csv", big, Map.of());
        assertThat(multipart.status()).as(multipart.raw()).isEqualTo(413);

        assertThat(b.get(IMPORTS).data().path("items").size()).isZero();
        assertThat(b.get("/api/v1/contacts/count").data().path("count").asLong())
                .isZero();
    }

    @Test
    void previewShowsEncodingDelimiterMappingAndRowsWithoutImporting() {
        Browser b = workspace("Preview", "NG");
        Browser.Response preview = b.multipart(
                IMPORTS + "/preview",
                "file",
                "google.csv",
                GOOGLE.getBytes(StandardCharsets.UTF_8),
                Map.of("tags", "vip"));
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        JsonNode p = preview.data();
        assertThat(p.path("encoding").asString()).isEqualTo("UTF-8");
        assertThat(p.path("delimiter").asString()).isEqualTo("comma");
        assertThat(p.path("defaultCountry").asString()).isEqualTo("NG");
        assertThat(texts(p.path("headers"))).startsWith("First Name", "Middle Name", "Last Name");
        List<String> targets = new ArrayList<>();
        p.path("mapping").forEach(m -> targets.add(m.path("target").asString()));
        assertThat(targets)
                .containsExactly(
                        "first_name",
                        "middle_name",
                        "last_name",
                        "attribute",
                        "ignore",
                        "email",
                        "ignore",
                        "phone",
                        "ignore",
                        "phone",
                        "attribute",
                        "tags");
        assertThat(p.path("rows").size()).isEqualTo(3);
        assertThat(p.path("rows").get(0).path("phone").asString()).isEqualTo("+2348031234567");
        assertThat(texts(p.path("rows").get(0).path("tags"))).containsExactly("Customers", "VIP", "vip");

        // a chosen mapping: the nickname becomes the name
        String mapping = "[{\"index\":3,\"target\":\"name\"},{\"index\":7,\"target\":\"phone\"}]";
        Browser.Response chosen = b.bytes(
                "POST",
                IMPORTS + "/preview?mapping=" + java.net.URLEncoder.encode(mapping, StandardCharsets.UTF_8),
                GOOGLE.getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertThat(chosen.status()).as(chosen.raw()).isEqualTo(200);
        assertThat(chosen.data().path("rows").get(0).path("name").asString()).isEqualTo("Amaka");
        assertThat(chosen.data().path("rows").get(2).path("error").asString()).isEqualTo("no phone number");

        Browser.Response badMapping = b.bytes(
                "POST", IMPORTS + "/preview?mapping=%5B%5D", GOOGLE.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(badMapping.status()).isEqualTo(400);
        assertThat(badMapping
                        .body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("mapping");
        assertThat(b.get("/api/v1/contacts/count").data().path("count").asLong())
                .isZero();
    }

    @Test
    void progressEventsReachOnlyTheImportingWorkspace() throws Exception {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        try (EventStream a = new EventStream(port, two.a().cookie("WDX_SESSION"));
                EventStream b = new EventStream(port, two.b().cookie("WDX_SESSION"))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            !a.named("ready").isEmpty() && !b.named("ready").isEmpty());
            JsonNode imp =
                    importRaw(two.a(), DUPLICATES_AND_INVALID.getBytes(StandardCharsets.UTF_8), "&defaultCountry=NG");
            String id = imp.path("id").asString();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.named("import.progress").stream()
                            .anyMatch(e -> e.data().path("importId").asString().equals(id)
                                    && e.data().path("status").asString().equals("completed")));
            JsonNode last = a.named("import.progress").getLast().data();
            assertThat(List.of(
                            last.path("processed").asLong(),
                            last.path("created").asLong(),
                            last.path("percent").asLong()))
                    .containsExactly(6L, 3L, 100L);
            // a batch of 2 rows at a time: progress came in steps, not only at the end
            assertThat(a.named("import.progress").size()).isGreaterThan(1);
            // B's stream is open and live (its own import shows), but never carries A's
            importRaw(two.b(), "phone\n+2348031110009\n".getBytes(StandardCharsets.UTF_8), "&defaultCountry=NG");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !b.named("import.progress").isEmpty());
            assertThat(b.named("import.progress"))
                    .noneMatch(e -> e.data().path("importId").asString().equals(id));
        }
    }

    @Test
    void anotherWorkspaceCannotSeeOrTouchAnImport() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        JsonNode imp =
                importRaw(two.a(), DUPLICATES_AND_INVALID.getBytes(StandardCharsets.UTF_8), "&defaultCountry=NG");
        String path = IMPORTS + "/" + imp.path("id").asString();
        importRaw(two.b(), "phone\n+2348031110009\n".getBytes(StandardCharsets.UTF_8), "&defaultCountry=NG");

        assertThat(two.b().get(path).status()).isEqualTo(404);
        assertThat(two.b().raw("GET", path + "/errors.csv", null, "text/csv").status())
                .isEqualTo(404);
        assertThat(two.b().post(path + "/undo", null).status()).isEqualTo(404);
        assertThat(two.b().post(path + "/cancel", null).status()).isEqualTo(404);
        two.assertListsDisjoint(IMPORTS, "id");
        assertThat(two.a().get("/api/v1/contacts/count").data().path("count").asLong())
                .isEqualTo(3);
        assertThat(two.b().get("/api/v1/contacts/count").data().path("count").asLong())
                .isEqualTo(1);
    }
}
