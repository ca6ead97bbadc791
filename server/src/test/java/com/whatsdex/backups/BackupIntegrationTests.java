package com.whatsdex.backups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.secrets.SecretBox;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups over real HTTP against {@link FakeGoogle}: linking with PKCE, archives in Drive whose manifest checks out,
 * resumed uploads, retention, failures with their reasons, the plan gate, isolation, the schedule, and restores.
 */
@IntegrationTest
class BackupIntegrationTests {

    private static final String BACKUPS = "/api/v1/backups";
    private static final String DRIVE = "/api/v1/integrations/google-drive";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeGoogle GOOGLE = TestGoogleConfig.GOOGLE;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretBox secrets;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @BeforeEach
    void resetGoogle() {
        GOOGLE.reset();
    }

    // ---- helpers

    private Browser workspace(String name) {
        return new Browser(port).register(name); // the trial plan is Pro, which includes backups
    }

    /** Links Drive as the browser would: consent at the fake, then the callback with the code and the state. */
    private static void link(Browser b) {
        Browser.Response authorize = b.get(DRIVE + "/authorize");
        assertThat(authorize.status()).as(authorize.raw()).isEqualTo(200);
        String url = authorize.data().path("url").asString();
        String code = GOOGLE.approve(url);
        String state = FakeGoogle.query(URI.create(url).getRawQuery()).get("state");
        Browser.Response back = callback(b, code, state);
        assertThat(back.status()).as(back.raw()).isEqualTo(302);
        assertThat(back.header("Location")).isEqualTo("/settings/backups?drive=linked");
    }

    private static Browser.Response callback(Browser b, String code, String state) {
        return b.get(DRIVE + "/callback?code=" + enc(code) + "&state=" + enc(state));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode backUp(Browser b) {
        Browser.Response started = b.post(BACKUPS, null);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        return awaitEnd(b, started.data().path("id").asString());
    }

    private static JsonNode awaitEnd(Browser b, String id) {
        await().atMost(WAIT).until(() -> {
            String status = b.get(BACKUPS + "/" + id).data().path("status").asString();
            return status.equals("succeeded") || status.equals("failed");
        });
        return b.get(BACKUPS + "/" + id).data();
    }

    private static FakeGoogle.File fileOf(JsonNode backup) {
        String link = backup.path("driveLink").asString();
        String id = link.substring(link.indexOf("/d/") + 3, link.lastIndexOf('/'));
        return GOOGLE.files().stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Drive file " + id));
    }

    private static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Every part listed in the manifest is in the archive with the size and SHA-256 the manifest gives. */
    private static JsonNode checkManifest(Map<String, byte[]> entries) throws Exception {
        assertThat(entries).containsKey("manifest.json");
        assertThat(List.copyOf(entries.keySet()).getLast()).isEqualTo("manifest.json");
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        assertThat(manifest.path("format").asString()).isEqualTo("whatsdex-backup");
        assertThat(manifest.path("version").asInt()).isEqualTo(1);
        for (JsonNode part : manifest.path("parts")) {
            byte[] data = entries.get(part.path("path").asString());
            assertThat(data).as(part.path("path").asString()).isNotNull();
            assertThat((long) data.length).isEqualTo(part.path("bytes").asLong());
            assertThat(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data)))
                    .isEqualTo(part.path("sha256").asString());
        }
        assertThat(entries.size()).isEqualTo(manifest.path("parts").size() + 1);
        return manifest;
    }

    private static List<JsonNode> lines(Map<String, byte[]> entries, String part) {
        String text = new String(entries.get("data/" + part + ".jsonl"), StandardCharsets.UTF_8);
        return text.lines().map(JSON::readTree).toList();
    }

    private void setPlan(Browser b, String plan) {
        Browser.Response set = new Browser(port)
                .withBearer("test-operator-token")
                .put("/api/v1/admin/workspaces/" + b.workspaceId() + "/plan", Map.of("plan", plan));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
    }

    private static String channel(Browser b) {
        Browser.Response r = b.post("/api/v1/channels/sandbox", null);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data().path("id").asString();
    }

    private static String contact(Browser b, String phone, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("phone", phone);
        body.put("name", name);
        body.put("tags", List.of("vip", "lagos"));
        body.put("attributes", Map.of("plan", "gold", "note", "likes \"quotes\" and back\\slashes"));
        Browser.Response r = b.post("/api/v1/contacts", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data().path("id").asString();
    }

    // ---- linking

    @Test
    void linkingKeepsTheRefreshTokenSealedAndUnlinkingRevokesIt() {
        Browser b = workspace("Link");
        assertThat(b.get(DRIVE).data().path("linked").asBoolean()).isFalse();
        link(b);
        JsonNode drive = b.get(DRIVE).data();
        assertThat(drive.path("linked").asBoolean()).isTrue();
        assertThat(drive.path("email").asString()).isEqualTo(FakeGoogle.EMAIL);
        assertThat(drive.toString()).doesNotContain("rt-");

        // the row is under row-level security: read it as the workspace, in a transaction
        String stored = com.whatsdex.shared.TenantContext.callAs(
                b.workspaceId(),
                () -> tx.execute(s -> jdbc.sql("select refresh_token from drive_links")
                        .query(String.class)
                        .single()));
        assertThat(stored).doesNotContain("rt-").startsWith("v1:");

        assertThat(b.delete(DRIVE).status()).isEqualTo(204);
        assertThat(GOOGLE.revokedTokens())
                .singleElement()
                .satisfies(t -> assertThat(t).startsWith("rt-"));
        assertThat(b.get(DRIVE).data().path("linked").asBoolean()).isFalse();
        assertThat(b.delete(DRIVE).status()).isEqualTo(404);
    }

    @Test
    void aForgedExpiredOrSomeoneElsesStateIsRefused() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String url = two.a().get(DRIVE + "/authorize").data().path("url").asString();
        String code = GOOGLE.approve(url);
        String state = FakeGoogle.query(URI.create(url).getRawQuery()).get("state");

        // forged: any other string, or the real one altered
        assertThat(callback(two.a(), code, "forged").status()).isEqualTo(400);
        String altered = state.substring(0, state.length() - 3) + (state.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(callback(two.a(), code, altered).errorCode()).isEqualTo("invalid_state_parameter");
        // someone else's: B cannot complete A's link
        assertThat(callback(two.b(), code, state).status()).isEqualTo(400);
        assertThat(two.b().get(DRIVE).data().path("linked").asBoolean()).isFalse();
        // expired: sealed by the server's key, but ten minutes and one second old
        String expired = secrets.seal(
                JSON.writeValueAsString(Map.of(
                        "u", userId(two.a()),
                        "w", two.a().workspaceId().toString(),
                        "e", Instant.now().minusSeconds(1).getEpochSecond(),
                        "v", "verifier")),
                "google-drive-state");
        assertThat(callback(two.a(), code, expired).errorCode()).isEqualTo("invalid_state_parameter");
        assertThat(two.a().get(DRIVE).data().path("linked").asBoolean()).isFalse();

        // the real one, by the person who started it, works (once)
        assertThat(callback(two.a(), code, state).status()).isEqualTo(302);
        assertThat(two.a().get(DRIVE).data().path("linked").asBoolean()).isTrue();
        // a denied consent comes back as an error for the dashboard
        assertThat(two.a().get(DRIVE + "/callback?error=access_denied").header("Location"))
                .isEqualTo("/settings/backups?drive=error&reason=denied");
    }

    private static String userId(Browser b) {
        return b.get("/api/v1/auth/me").data().path("user").path("id").asString();
    }

    @Test
    void starterGetsUpgradeRequired() {
        Browser b = workspace("Starter");
        setPlan(b, "starter");
        assertThat(b.get(DRIVE + "/authorize").errorCode()).isEqualTo("upgrade_required");
        assertThat(b.post(BACKUPS, null).errorCode()).isEqualTo("upgrade_required");
        JsonNode drive = b.get(DRIVE).data();
        assertThat(drive.path("allowed").asBoolean()).isFalse();
        assertThat(drive.path("upgradePlan").asString()).isEqualTo("pro");
    }

    // ---- backing up

    @Test
    void aBackupArrivesInDriveWithAManifestThatChecksOutAndNothingOfAnotherWorkspace() throws Exception {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        contact(two.a(), "+2348061110001", "Ada Obi");
        contact(two.b(), "+2348061119999", "Bola of B");
        link(two.a());
        assertThat(two.a().post(BACKUPS, null).status()).isEqualTo(202);
        // one at a time
        assertThat(two.a().post(BACKUPS, null).status()).isIn(202, 409);

        await().atMost(WAIT)
                .until(() -> two.a().get(BACKUPS).data().path("lastSuccessful").isObject());
        JsonNode overview = two.a().get(BACKUPS).data();
        JsonNode good = overview.path("lastSuccessful");
        assertThat(good.path("sizeBytes").asLong()).isPositive();
        assertThat(good.path("driveLink").asString()).startsWith("https://drive.google.com/file/d/");
        assertThat(good.path("counts").path("contacts").asLong()).isEqualTo(1);

        FakeGoogle.File file = fileOf(good);
        assertThat(file.name()).startsWith("whatsdex-workspace-a-").endsWith(".zip");
        assertThat((long) file.data().length).isEqualTo(good.path("sizeBytes").asLong());
        FakeGoogle.File folder = GOOGLE.files().stream()
                .filter(f -> f.id().equals(file.parents().getFirst()))
                .findFirst()
                .orElseThrow();
        assertThat(folder.name()).isEqualTo("WhatsDeX Backups");

        Map<String, byte[]> entries = unzip(file.data());
        JsonNode manifest = checkManifest(entries);
        assertThat(manifest.path("workspaceId").asString())
                .isEqualTo(two.a().workspaceId().toString());
        List<JsonNode> contacts = lines(entries, "contacts");
        assertThat(contacts).singleElement().satisfies(c -> {
            assertThat(c.path("phone").asString()).isEqualTo("+2348061110001");
            assertThat(c.path("attributes").path("note").asString()).isEqualTo("likes \"quotes\" and back\\slashes");
            assertThat(c.has("tenant_id")).isFalse();
        });
        String everything = new String(file.data(), StandardCharsets.ISO_8859_1);
        for (byte[] part : entries.values()) {
            String text = new String(part, StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("+2348061119999").doesNotContain("Bola of B");
            assertThat(text).doesNotContain(two.b().workspaceId().toString());
            assertThat(text).doesNotContain("password_hash").doesNotContain("\"access_token\"");
        }
        assertThat(everything).isNotEmpty();
        assertThat(lines(entries, "members"))
                .singleElement()
                .satisfies(m -> assertThat(m.has("password_hash")).isFalse());

        // B sees none of it
        assertThat(two.b().get(BACKUPS + "/" + good.path("id").asString()).status())
                .isEqualTo(404);
        assertThat(two.b().get(BACKUPS).data().path("items")).isEmpty();
    }

    @Test
    void anUploadCutOffInTheMiddleOfAChunkResumesAndTheArchiveIsWhole() throws Exception {
        Browser b = workspace("Resume");
        for (int i = 0; i < 40; i++) {
            contact(b, "+23480621" + String.format("%05d", i), "Person " + i + " " + "x".repeat(150));
        }
        // a template image of random pixels (about 500 KB, incompressible) makes the archive span several 256 KB chunks
        Browser.Response media = b.multipart("/api/v1/templates/media", "file", "noise.png", noisePng(), Map.of());
        assertThat(media.status()).as(media.raw()).isEqualTo(201);
        link(b);
        GOOGLE.dropNextChunkAfter(100_000);

        JsonNode done = backUp(b);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(GOOGLE.drops()).isEqualTo(1);
        FakeGoogle.File file = fileOf(done);
        assertThat(file.data().length).isGreaterThan(512 * 1024);
        Map<String, byte[]> entries = unzip(file.data());
        checkManifest(entries);
        assertThat(lines(entries, "contacts")).hasSize(40);
    }

    private static byte[] noisePng() throws IOException {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(420, 420, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int x = 0; x < 420; x++) {
            for (int y = 0; y < 420; y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void retentionKeepsTheNewestBackupsInDrive() {
        Browser b = workspace("Retention");
        link(b);
        Browser.Response settings = b.put(BACKUPS + "/settings", Map.of("schedule", "off", "hour", 3, "retention", 2));
        assertThat(settings.status()).as(settings.raw()).isEqualTo(200);
        JsonNode first = backUp(b);
        backUp(b);
        JsonNode third = backUp(b);
        assertThat(third.path("status").asString()).isEqualTo("succeeded");

        assertThat(GOOGLE.archives()).hasSize(2);
        assertThat(GOOGLE.archives())
                .noneMatch(f -> first.path("driveLink").asString().contains(f.id()));
        JsonNode history = b.get(BACKUPS).data().path("items");
        assertThat(history).hasSize(3);
        assertThat(history.get(2).path("deletedFromDrive").asBoolean()).isTrue();
        assertThat(history.get(0).path("deletedFromDrive").asBoolean()).isFalse();
        assertThat(b.post(BACKUPS + "/" + first.path("id").asString() + "/restore", null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aRevokedAccessOrAFullDriveFailsWithItsReason() {
        Browser b = workspace("Failures");
        link(b);
        GOOGLE.quotaExceeded(true);
        JsonNode full = backUp(b);
        assertThat(full.path("status").asString()).isEqualTo("failed");
        assertThat(full.path("errorCode").asString()).isEqualTo("quota_exceeded");
        assertThat(full.path("error").asString()).contains("Google Drive is full");
        GOOGLE.quotaExceeded(false);

        GOOGLE.revokeAll();
        JsonNode revoked = backUp(b);
        assertThat(revoked.path("status").asString()).isEqualTo("failed");
        assertThat(revoked.path("errorCode").asString()).isEqualTo("drive_revoked");
        assertThat(revoked.path("error").asString()).contains("link Google Drive again");
        JsonNode overview = b.get(BACKUPS).data();
        assertThat(overview.path("last").path("errorCode").asString()).isEqualTo("drive_revoked");
        assertThat(overview.path("lastSuccessful").isNull()).isTrue();

        // linking again fixes it
        link(b);
        assertThat(backUp(b).path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aDueScheduleStartsOneScheduledBackup() {
        Browser b = workspace("Schedule");
        link(b);
        JsonNode settings = b.put(BACKUPS + "/settings", Map.of("schedule", "daily", "hour", 4, "retention", 7))
                .data();
        Instant next = Instant.parse(settings.path("nextRunAt").asString());
        assertThat(next).isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(24)));
        assertThat(b.put(BACKUPS + "/settings", Map.of("schedule", "hourly", "hour", 4, "retention", 7))
                        .status())
                .isEqualTo(400);

        // the slot comes: the sweep (every second in tests) starts it once
        jdbc.sql("update backup_schedule_due set due_at = now() - interval '1 minute' where tenant_id = :t")
                .param("t", b.workspaceId())
                .update();
        await().atMost(WAIT)
                .until(() -> b.get(BACKUPS).data().path("items").size() == 1
                        && b.get(BACKUPS)
                                .data()
                                .path("items")
                                .get(0)
                                .path("status")
                                .asString()
                                .equals("succeeded"));
        JsonNode scheduled = b.get(BACKUPS).data().path("items").get(0);
        assertThat(scheduled.path("trigger").asString()).isEqualTo("scheduled");
        // the due time moved to the next slot and the same slot does not run twice
        jdbc.sql("update backup_schedule_due set due_at = now() - interval '1 minute' where tenant_id = :t")
                .param("t", b.workspaceId())
                .update();
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select due_at > now() from backup_schedule_due where tenant_id = :t")
                        .param("t", b.workspaceId())
                        .query(Boolean.class)
                        .single());
        assertThat(b.get(BACKUPS).data().path("items")).hasSize(1);
    }

    // ---- restoring

    @Test
    void aRestoredWorkspaceHoldsWhatTheBackedUpOneHeld() throws Exception {
        Browser a = workspace("Round trip");
        String channel = channel(a);
        String ada = contact(a, "+2348071110001", "Ada Obi");
        contact(a, "+2348071110002", "Chidi Eze");
        Browser.Response inbound = a.post(
                "/api/v1/channels/" + channel + "/sandbox/inbound",
                Map.of("from", "+2348071110003", "text", "Hello from a customer"));
        assertThat(inbound.status()).isEqualTo(201);
        await().atMost(WAIT)
                .until(() -> a.get("/api/v1/inbox/conversations")
                                .data()
                                .path("items")
                                .size()
                        == 1);
        String customer = a.get("/api/v1/inbox/conversations")
                .data()
                .path("items")
                .get(0)
                .path("contactId")
                .asString();
        assertThat(a.post("/api/v1/inbox/conversations/" + customer + "/reply", Map.of("text", "Hi, how can we help?"))
                        .status())
                .isEqualTo(201);
        assertThat(a.patch("/api/v1/inbox/conversations/" + customer, Map.of("status", "closed"))
                        .status())
                .isEqualTo(200);
        assertThat(a.post(
                                "/api/v1/templates",
                                Map.of("name", "Welcome", "category", "marketing", "body", "Hi {{name}}!"))
                        .status())
                .isEqualTo(201);
        assertThat(a.post(
                                "/api/v1/audiences",
                                Map.of(
                                        "name",
                                        "VIPs",
                                        "filter",
                                        Map.of("tags", List.of("vip"), "match", "any", "optedInOnly", false)))
                        .status())
                .isIn(200, 201);
        assertThat(a.post("/api/v1/contacts/" + ada + "/facts", Map.of("fact", "Prefers Yoruba"))
                        .status())
                .isEqualTo(201);
        Browser.Response agent = a.post(
                "/api/v1/agents",
                Map.of("name", "Ada bot", "instructions", "Be kind.", "channelIds", List.of(channel)));
        assertThat(agent.status()).as(agent.raw()).isEqualTo(201);
        Browser.Response campaign = a.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "Launch",
                        "body",
                        "Hello {{name}}",
                        "audience",
                        Map.of("kind", "all"),
                        "channelIds",
                        List.of(channel)));
        assertThat(campaign.status()).as(campaign.raw()).isEqualTo(201);

        link(a);
        JsonNode backup = backUp(a);
        assertThat(backup.path("status").asString()).as(backup.toString()).isEqualTo("succeeded");
        byte[] archive = fileOf(backup).data();

        // a new workspace restores the uploaded archive
        Browser c = workspace("Restored");
        Browser.Response restore = c.raw("POST", BACKUPS + "/restore", null, "application/zip");
        assertThat(restore.status()).isIn(400, 415);
        Browser.Response started = c.bytes("POST", BACKUPS + "/restore", archive, "application/zip");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        JsonNode restored = awaitEnd(c, started.data().path("id").asString());
        assertThat(restored.path("status").asString()).as(restored.toString()).isEqualTo("succeeded");
        assertThat(restored.path("kind").asString()).isEqualTo("restore");

        // entity by entity (ids of channels differ: they route webhooks; everything else keeps its id)
        assertThat(names(c.get("/api/v1/contacts?limit=100").data().path("items"), "phone"))
                .containsExactlyInAnyOrderElementsOf(
                        names(a.get("/api/v1/contacts?limit=100").data().path("items"), "phone"));
        JsonNode adaC = c.get("/api/v1/contacts/" + ada).data();
        JsonNode adaA = a.get("/api/v1/contacts/" + ada).data();
        assertThat(adaC.path("tags")).isEqualTo(adaA.path("tags"));
        assertThat(adaC.path("attributes")).isEqualTo(adaA.path("attributes"));
        assertThat(adaC.path("name").asString()).isEqualTo("Ada Obi");
        assertThat(names(c.get("/api/v1/templates").data().path("items"), "body"))
                .containsExactly("Hi {{name}}!");
        assertThat(names(c.get("/api/v1/audiences").data().path("items"), "name"))
                .contains("VIPs");
        assertThat(names(c.get("/api/v1/contacts/" + ada + "/facts").data(), "fact"))
                .containsExactly("Prefers Yoruba");
        JsonNode agentsC = c.get("/api/v1/agents").data();
        assertThat(names(agentsC, "name")).containsExactly("Ada bot");
        JsonNode channelsC = c.get("/api/v1/channels").data().path("items");
        assertThat(channelsC).as(channelsC.toString()).hasSize(1);
        String newChannel = channelsC.get(0).path("id").asString();
        assertThat(newChannel).isNotEqualTo(channel);
        assertThat(agentsC.get(0).path("channelIds").get(0).asString()).isEqualTo(newChannel);
        assertThat(names(c.get("/api/v1/campaigns").data().path("items"), "name"))
                .containsExactly("Launch");
        JsonNode thread = c.get("/api/v1/inbox/conversations/" + customer + "/messages")
                .data()
                .path("items");
        assertThat(names(thread, "body")).containsExactly("Hi, how can we help?", "Hello from a customer");
        assertThat(names(thread, "channelId")).containsOnly(newChannel);
        JsonNode conversation = c.get("/api/v1/inbox/conversations/" + customer).data();
        assertThat(conversation.path("conversation").path("status").asString()).isEqualTo("closed");

        // a workspace with data refuses; an altered archive fails before writing anything
        assertThat(c.bytes("POST", BACKUPS + "/restore", archive, "application/zip")
                        .status())
                .isEqualTo(409);
        Browser d = workspace("Tampered");
        byte[] altered = alter(archive);
        JsonNode bad = awaitEnd(
                d,
                d.bytes("POST", BACKUPS + "/restore", altered, "application/zip")
                        .data()
                        .path("id")
                        .asString());
        assertThat(bad.path("status").asString()).isEqualTo("failed");
        assertThat(bad.path("errorCode").asString()).isEqualTo("invalid_archive");
        assertThat(d.get("/api/v1/contacts").data().path("items")).isEmpty();

        // the same archive from the linked Drive, into yet another workspace
        Browser e = workspace("From Drive");
        link(e);
        JsonNode files = e.get(BACKUPS + "/drive-files").data();
        assertThat(names(files, "id")).contains(fileOf(backup).id());
        Browser.Response fromDrive = e.post(
                BACKUPS + "/restore-drive", Map.of("fileId", fileOf(backup).id()));
        assertThat(fromDrive.status()).as(fromDrive.raw()).isEqualTo(202);
        assertThat(awaitEnd(e, fromDrive.data().path("id").asString())
                        .path("status")
                        .asString())
                .isEqualTo("succeeded");
        assertThat(e.get("/api/v1/contacts?limit=100").data().path("items")).hasSize(3);
    }

    /** The archive with one byte of a stored part changed (the ZIP stays readable; the checksum does not match). */
    private static byte[] alter(byte[] archive) throws IOException {
        Map<String, byte[]> entries = unzip(archive);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] data = e.getValue();
                if (e.getKey().equals("data/contacts.jsonl")) {
                    data = new String(data, StandardCharsets.UTF_8)
                            .replace("Ada Obi", "Eve Obi")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static List<String> names(JsonNode items, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        items.forEach(i -> out.add(i.path(field).asString()));
        return out;
    }
}
