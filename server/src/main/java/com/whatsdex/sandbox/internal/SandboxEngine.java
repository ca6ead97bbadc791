package com.whatsdex.sandbox.internal;

import com.whatsdex.sandbox.SandboxApi;
import com.whatsdex.sandbox.SandboxDelivery;
import com.whatsdex.sandbox.SandboxNumber;
import com.whatsdex.sandbox.SandboxNumberNotFoundException;
import com.whatsdex.sandbox.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's core, shared by the in-process Spring controller and the standalone server: registered numbers,
 * the Graph API calls, and the simulated phones behind them. Nothing here touches the database, which is what lets
 * the sandbox run alone.
 */
public final class SandboxEngine implements SandboxApi, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxEngine.class);

    static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    private static final Set<String> MEDIA_TYPES = Set.of("image", "document", "video", "audio");
    private static final int MAX_TEXT = 4096;
    private static final int MAX_MEDIA = 10_000;

    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SandboxStats stats = new SandboxStats();
    private final Map<String, NumberState> numbers = new ConcurrentHashMap<>();
    private final Map<String, MediaItem> media = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MediaItem> eldest) {
            return size() > MAX_MEDIA;
        }
    });
    private final SecureRandom random = new SecureRandom();
    /**
     * One platform thread fires every due status: its work is only to record the status and queue it, and a single
     * thread fires them in time order, so a message's sent, delivered and read are queued in that order.
     */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-phones");
        t.setDaemon(true);
        return t;
    });

    private final WebhookDispatcher webhooks;
    private volatile String rootUrl;

    record MediaItem(String phoneNumberId, String mimeType, byte[] bytes) {}

    /** @param rootUrl how this process's HTTP server is reached, e.g. {@code http://127.0.0.1:8080} */
    public SandboxEngine(Clock clock, String rootUrl) {
        this.clock = clock;
        this.rootUrl = rootUrl;
        this.webhooks = new WebhookDispatcher(
                json, stats, state -> numbers.get(state.number().phoneNumberId()) == state);
    }

    /** The HTTP server's address is known only once it has started. */
    public void rootUrl(String url) {
        this.rootUrl = url;
    }

    public String graphBaseUrl() {
        return rootUrl + "/sandbox/graph/v21.0";
    }

    public SandboxStats stats() {
        return stats;
    }

    JsonMapper json() {
        return json;
    }

    // ---- SandboxApi

    @Override
    public String register(SandboxNumber number) {
        numbers.compute(number.phoneNumberId(), (id, existing) -> {
            if (existing == null) {
                return new NumberState(number);
            }
            existing.update(number);
            return existing;
        });
        return graphBaseUrl();
    }

    @Override
    public void unregister(String phoneNumberId) {
        numbers.remove(phoneNumberId);
    }

    @Override
    public String inbound(String phoneNumberId, String from, String text) {
        NumberState state = require(phoneNumberId);
        ObjectNode message = inboundMessage(from, "text");
        message.putObject("text").put("body", text);
        return postInbound(state, from, message);
    }

    @Override
    public String inboundImage(String phoneNumberId, String from, @Nullable String caption) {
        NumberState state = require(phoneNumberId);
        String mediaId = Long.toString(
                1_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(8_000_000_000_000_000L));
        media.put(mediaId, new MediaItem(phoneNumberId, "image/png", TinyPng.BYTES));
        ObjectNode message = inboundMessage(from, "image");
        ObjectNode image = message.putObject("image");
        if (caption != null) {
            image.put("caption", caption);
        }
        image.put("mime_type", "image/png");
        image.put("sha256", Base64.getEncoder().encodeToString(sha256(TinyPng.BYTES)));
        image.put("id", mediaId);
        return postInbound(state, from, message);
    }

    @Override
    public List<SandboxDelivery> deliveries(String phoneNumberId, @Nullable String to, int limit) {
        return require(phoneNumberId)
                .deliveries(to == null ? null : digits(to), Math.clamp(limit, 1, NumberState.HISTORY));
    }

    private NumberState require(String phoneNumberId) {
        NumberState state = numbers.get(phoneNumberId);
        if (state == null) {
            throw new SandboxNumberNotFoundException(phoneNumberId);
        }
        return state;
    }

    private ObjectNode inboundMessage(String from, String type) {
        String digits = digits(from);
        if (digits.length() < 7 || digits.length() > 15) {
            throw new IllegalArgumentException("from must be a phone number, 7 to 15 digits");
        }
        ObjectNode message = json.createObjectNode();
        message.put("from", digits);
        message.put("id", newWamid());
        message.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        message.put("type", type);
        return message;
    }

    private String postInbound(NumberState state, String from, ObjectNode message) {
        String digits = digits(from);
        // opened now, not when the webhook lands: a reply sent right after this call must be inside the window
        state.lastInbound.put(digits, clock.instant());
        ObjectNode contact = json.createObjectNode();
        contact.putObject("profile").put("name", "Sandbox phone " + digits.substring(digits.length() - 4));
        contact.put("wa_id", digits);
        webhooks.enqueue(state, new NumberState.Inbound(contact, message));
        return message.path("id").asString();
    }

    // ---- Graph API

    boolean isNumber(String id) {
        return numbers.containsKey(id);
    }

    GraphResponse phoneNumber(String phoneNumberId, @Nullable String authorization) {
        NumberState state = numbers.get(phoneNumberId);
        if (state == null) {
            return error(MetaErrors.unsupported("get", phoneNumberId));
        }
        SandboxNumber number = state.number();
        if (!authorized(number, authorization)) {
            return error(MetaErrors.invalidToken());
        }
        ObjectNode info = json.createObjectNode();
        info.put("verified_name", "WhatsDeX Sandbox");
        info.put("display_phone_number", number.displayPhoneNumber());
        info.put("quality_rating", "GREEN");
        info.put("code_verification_status", "VERIFIED");
        info.put("platform_type", "CLOUD_API");
        info.put("id", number.phoneNumberId());
        return ok(info);
    }

    GraphResponse mediaInfo(String mediaId, @Nullable String authorization) {
        MediaItem item = media.get(mediaId);
        NumberState state = item == null ? null : numbers.get(item.phoneNumberId());
        if (item == null || state == null) {
            return error(MetaErrors.unsupported("get", mediaId));
        }
        if (!authorized(state.number(), authorization)) {
            return error(MetaErrors.invalidToken());
        }
        ObjectNode info = json.createObjectNode();
        info.put("messaging_product", "whatsapp");
        info.put("url", rootUrl + "/sandbox/media/" + mediaId);
        info.put("mime_type", item.mimeType());
        info.put("sha256", HexFormat.of().formatHex(sha256(item.bytes())));
        info.put("file_size", item.bytes().length);
        info.put("id", mediaId);
        return ok(info);
    }

    GraphResponse mediaDownload(String mediaId, @Nullable String authorization) {
        MediaItem item = media.get(mediaId);
        NumberState state = item == null ? null : numbers.get(item.phoneNumberId());
        if (item == null || state == null) {
            return GraphResponse.json(404, "{\"error\":\"not found\"}");
        }
        // like Meta's media URLs, the download needs the number's token too
        if (!authorized(state.number(), authorization)) {
            return error(MetaErrors.invalidToken());
        }
        return new GraphResponse(200, item.mimeType(), item.bytes());
    }

    GraphResponse send(String phoneNumberId, @Nullable String authorization, byte[] body) {
        NumberState state = numbers.get(phoneNumberId);
        if (state == null) {
            return refuse(MetaErrors.unsupported("post", phoneNumberId));
        }
        SandboxNumber number = state.number();
        if (!authorized(number, authorization)) {
            return refuse(MetaErrors.invalidToken());
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JacksonException e) {
            return refuse(MetaErrors.invalidParameter("The request body is not valid JSON."));
        }
        if (request == null || !request.isObject()) {
            return refuse(MetaErrors.invalidParameter("The request body must be a JSON object."));
        }
        if (!"whatsapp".equals(stringField(request, "messaging_product"))) {
            return refuse(MetaErrors.requiredParameter("messaging_product"));
        }
        if (request.has("status")) {
            return markRead(request);
        }
        Outbound outbound;
        try {
            outbound = Outbound.parse(request);
        } catch (InvalidRequest e) {
            return refuse(e.error);
        }
        if (!state.limiter().tryAcquire(System.nanoTime())) {
            stats.rateLimited.increment();
            return refuse(MetaErrors.rateLimitHit());
        }
        stats.accepted.increment();
        Instant now = clock.instant();
        DeliveryEntry entry = new DeliveryEntry(
                newWamid(),
                outbound.waId(),
                outbound.type(),
                outbound.text(),
                outbound.templateName(),
                outbound.mediaLink(),
                now);
        state.add(entry);
        simulate(state, number.settings(), entry, outbound.isTemplate(), now);

        ObjectNode answer = json.createObjectNode();
        answer.put("messaging_product", "whatsapp");
        ObjectNode contact = answer.putArray("contacts").addObject();
        contact.put("input", outbound.to());
        contact.put("wa_id", outbound.waId());
        ObjectNode message = answer.putArray("messages").addObject();
        message.put("id", entry.wamid);
        if (outbound.isTemplate()) {
            message.put("message_status", "accepted");
        }
        return ok(answer);
    }

    private GraphResponse markRead(JsonNode request) {
        if (!"read".equals(stringField(request, "status"))) {
            return refuse(MetaErrors.invalidParameter("status must be 'read'."));
        }
        String messageId = stringField(request, "message_id");
        if (messageId == null || messageId.isBlank()) {
            return refuse(MetaErrors.requiredParameter("message_id"));
        }
        return GraphResponse.json(200, "{\"success\":true}");
    }

    // ---- simulated phones

    /** Decides now how the phone will react, then schedules the statuses that tell it. */
    private void simulate(
            NumberState state, SandboxSettings settings, DeliveryEntry entry, boolean template, Instant now) {
        MetaErrors.StatusError failure = AlwaysFail.errorFor(entry.to, template);
        if (failure == null
                && settings.enforceServiceWindow()
                && !template
                && !insideServiceWindow(state, entry.to, now)) {
            failure = MetaErrors.REENGAGEMENT;
        }
        if (failure == null
                && settings.failureRate() > 0
                && ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
            failure = MetaErrors.UNDELIVERABLE;
        }
        MetaErrors.StatusError fail = failure;
        if (fail != null) {
            schedule(settings.sentDelay(), () -> {
                entry.fail(fail.code());
                emit(state, entry, "failed", template, fail);
            });
            return;
        }
        schedule(settings.sentDelay(), () -> {
            emit(state, entry, "sent", template, null);
            schedule(settings.deliveredDelay(), () -> {
                emit(state, entry, "delivered", template, null);
                schedule(settings.readDelay(), () -> emit(state, entry, "read", template, null));
            });
        });
    }

    private static boolean insideServiceWindow(NumberState state, String phone, Instant now) {
        Instant last = state.lastInbound.get(phone);
        return last != null && last.plus(SERVICE_WINDOW).isAfter(now);
    }

    private void schedule(Duration delay, Runnable action) {
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            action.run();
                        } catch (RuntimeException e) {
                            log.warn("Sandbox status could not be queued", e);
                        }
                    },
                    delay.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // shutting down: the phones go quiet
        }
    }

    private void emit(
            NumberState state,
            DeliveryEntry entry,
            String status,
            boolean template,
            MetaErrors.@Nullable StatusError error) {
        if (numbers.get(state.number().phoneNumberId()) != state) {
            return; // unregistered meanwhile
        }
        Instant now = clock.instant();
        if (error == null) {
            entry.moveTo(status, now);
        }
        ObjectNode node = json.createObjectNode();
        node.put("id", entry.wamid);
        node.put("status", status);
        node.put("timestamp", Long.toString(now.getEpochSecond()));
        node.put("recipient_id", entry.to);
        if (error != null) {
            MetaErrors.addTo(node, error);
        } else if (!status.equals("read")) {
            // like Meta, sent and delivered carry the conversation and pricing; read does not
            String category = template ? "marketing" : "service";
            long expires = entry.acceptedAt.plus(SERVICE_WINDOW).getEpochSecond();
            ObjectNode conversation = node.putObject("conversation");
            conversation.put(
                    "id", conversationId(state.number().phoneNumberId(), entry.to, category, entry.acceptedAt));
            conversation.put("expiration_timestamp", Long.toString(expires));
            conversation.putObject("origin").put("type", category);
            ObjectNode pricing = node.putObject("pricing");
            pricing.put("billable", template);
            pricing.put("pricing_model", "PMP");
            pricing.put("type", template ? "regular" : "free_customer_service");
            pricing.put("category", category);
        }
        webhooks.enqueue(state, new NumberState.Status(node));
    }

    /** Stable for a phone, a category and a day, as a Meta conversation is stable while it lasts. */
    private static String conversationId(String phoneNumberId, String to, String category, Instant at) {
        long day = at.getEpochSecond() / 86_400;
        byte[] hash = sha256((phoneNumberId + '|' + to + '|' + category + '|' + day).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }

    // ---- helpers

    private static boolean authorized(SandboxNumber number, @Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(
                authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                number.accessToken().getBytes(StandardCharsets.UTF_8));
    }

    private GraphResponse refuse(MetaErrors.GraphError error) {
        stats.refused.increment();
        return error(error);
    }

    private GraphResponse error(MetaErrors.GraphError error) {
        return MetaErrors.response(json, error);
    }

    private GraphResponse ok(ObjectNode body) {
        return new GraphResponse(200, GraphResponse.JSON, json.writeValueAsBytes(body));
    }

    private String newWamid() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return "wamid." + Base64.getEncoder().encodeToString(bytes);
    }

    static @Nullable String stringField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    static String digits(String phone) {
        StringBuilder digits = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static final class InvalidRequest extends Exception {
        final MetaErrors.GraphError error;

        InvalidRequest(MetaErrors.GraphError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** A send request, validated as Meta validates it (for the subset WhatsDeX uses). */
    record Outbound(
            String to,
            String waId,
            String type,
            @Nullable String text,
            @Nullable String templateName,
            @Nullable String mediaLink) {

        boolean isTemplate() {
            return type.equals("template");
        }

        static Outbound parse(JsonNode request) throws InvalidRequest {
            String to = stringField(request, "to");
            if (to == null || to.isBlank()) {
                throw new InvalidRequest(MetaErrors.requiredParameter("to"));
            }
            String waId = digits(to);
            if (waId.length() < 7 || waId.length() > 15) {
                throw new InvalidRequest(MetaErrors.invalidParameter("to must be a phone number: 7 to 15 digits."));
            }
            String recipientType = stringField(request, "recipient_type");
            if (recipientType != null && !recipientType.equals("individual")) {
                throw new InvalidRequest(MetaErrors.invalidParameter("recipient_type must be 'individual'."));
            }
            String type = request.has("type") ? stringField(request, "type") : "text"; // Meta's default
            if (type == null) {
                throw new InvalidRequest(MetaErrors.invalidParameter("type must be a string."));
            }
            if (type.equals("text")) {
                String body = stringField(request.path("text"), "body");
                if (body == null || body.isEmpty()) {
                    throw new InvalidRequest(MetaErrors.requiredParameter("text['body']"));
                }
                if (body.length() > MAX_TEXT) {
                    throw new InvalidRequest(
                            MetaErrors.invalidParameter("text['body'] is longer than " + MAX_TEXT + " characters."));
                }
                return new Outbound(to, waId, type, body, null, null);
            }
            if (type.equals("template")) {
                JsonNode template = request.path("template");
                String name = stringField(template, "name");
                if (name == null || name.isBlank()) {
                    throw new InvalidRequest(MetaErrors.requiredParameter("template['name']"));
                }
                String language = stringField(template.path("language"), "code");
                if (language == null || language.isBlank()) {
                    throw new InvalidRequest(MetaErrors.requiredParameter("template['language']['code']"));
                }
                JsonNode components = template.path("components");
                if (!components.isMissingNode() && !components.isArray()) {
                    throw new InvalidRequest(MetaErrors.invalidParameter("template['components'] must be an array."));
                }
                return new Outbound(to, waId, type, renderBody(components), name, null);
            }
            if (MEDIA_TYPES.contains(type)) {
                JsonNode media = request.path(type);
                String link = stringField(media, "link");
                if (link == null || link.isBlank()) {
                    throw new InvalidRequest(
                            media.has("id")
                                    ? MetaErrors.invalidParameter("The sandbox sends media by link only, not by id.")
                                    : MetaErrors.requiredParameter(type + "['link']"));
                }
                if (!link.startsWith("http://") && !link.startsWith("https://")) {
                    throw new InvalidRequest(MetaErrors.invalidParameter(type + "['link'] must be an http(s) URL."));
                }
                return new Outbound(to, waId, type, stringField(media, "caption"), null, link);
            }
            throw new InvalidRequest(MetaErrors.invalidParameter("Unsupported message type: " + type + "."));
        }

        /** The body parameters' texts, so the deliveries show what the phone would have displayed, roughly. */
        private static @Nullable String renderBody(JsonNode components) {
            StringBuilder text = new StringBuilder();
            for (JsonNode component : components) {
                if (!"body".equalsIgnoreCase(stringField(component, "type"))) {
                    continue;
                }
                for (JsonNode parameter : component.path("parameters")) {
                    String value = stringField(parameter, "text");
                    if (value != null) {
                        text.append(text.isEmpty() ? "" : " | ").append(value);
                    }
                }
            }
            return text.isEmpty() ? null : text.toString();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        webhooks.close();
    }
}
