package com.whatsdex.channels.domain;

import com.whatsdex.channels.ChannelCredentials;
import com.whatsdex.channels.OutboundAddresses;
import com.whatsdex.channels.OutboundContent;
import com.whatsdex.channels.OutboundHttp;
import com.whatsdex.channels.SendFailure;
import com.whatsdex.channels.SendOutcome;
import com.whatsdex.channels.WhatsAppSender;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Cloud API adapter over real HTTP: {@code POST {graphBaseUrl}/{phoneNumberId}/messages}. */
@Component
class CloudApiSender implements WhatsAppSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * How long a Graph base URL that passed the early address check is not checked again before each send. The
     * check resolves the host name to give a clear answer; what keeps requests out of internal networks is the
     * connection's own resolver ({@link OutboundAddresses#resolveAllowed}), which checks every connection made.
     */
    static final Duration ENDPOINT_CHECKED_FOR = Duration.ofSeconds(30);

    /** A channel's messages URL, and when its base URL passed the address check. */
    private record Endpoint(URI uri, long checkedAtNanos) {
        boolean fresh() {
            return System.nanoTime() - checkedAtNanos < ENDPOINT_CHECKED_FOR.toNanos();
        }
    }

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    @Override
    public SendOutcome send(ChannelCredentials channel, OutboundContent content) {
        return post(channel, body(content));
    }

    @Override
    public SendOutcome markRead(ChannelCredentials channel, String wamid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("status", "read");
        body.put("message_id", wamid);
        return post(channel, body);
    }

    private final OutboundAddresses addresses;
    private final OutboundHttp http;

    CloudApiSender(OutboundAddresses addresses, OutboundHttp http) {
        this.addresses = addresses;
        this.http = http;
    }

    private SendOutcome post(ChannelCredentials channel, Map<String, Object> body) {
        String key = channel.graphBaseUrl() + " " + channel.phoneNumberId();
        Endpoint endpoint = endpoints.get(key);
        if (endpoint == null || !endpoint.fresh()) {
            var refused = addresses.refusal(channel, channel.graphBaseUrl());
            if (refused.isPresent()) { // a channel stored before the rule, or restored from an archive
                endpoints.remove(key);
                return new SendOutcome.Rejected(
                        0, "The channel's Graph base URL " + refused.get(), null, SendFailure.invalid_request);
            }
            if (endpoints.size() > 10_000) {
                endpoints.clear(); // channels come and go: never let the memory grow
            }
            endpoint = new Endpoint(
                    URI.create(stripSlash(channel.graphBaseUrl()) + "/" + channel.phoneNumberId() + "/messages"),
                    System.nanoTime());
            endpoints.put(key, endpoint);
        }
        URI uri = endpoint.uri();
        int status;
        byte[] answer;
        try (OutboundHttp.Response response = http.exchange(
                channel,
                "POST",
                uri,
                Map.of("Authorization", "Bearer " + channel.accessToken()),
                write(body),
                "application/json",
                TIMEOUT)) {
            status = response.status();
            answer = response.bodyBytes();
        } catch (OutboundAddresses.RefusedAddressException e) {
            // the name now answers an internal address (DNS rebinding): refused when connecting, nothing sent
            return new SendOutcome.Rejected(
                    0, "The channel's Graph base URL " + e.getMessage(), null, SendFailure.invalid_request);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            // no connection was made, so nothing can have been sent
            return new SendOutcome.Rejected(
                    0, "Cannot reach the Graph API", e.toString(), SendFailure.temporarily_unavailable);
        } catch (IOException e) {
            return new SendOutcome.Unknown("The Graph API did not answer: " + e);
        }
        return outcome(status, answer);
    }

    SendOutcome outcome(int status, byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (RuntimeException e) {
            node = json.createObjectNode();
        }
        if (status / 100 == 2) {
            String wamid = node.path("messages").path(0).path("id").asString("");
            if (!wamid.isEmpty()) {
                return new SendOutcome.Accepted(wamid);
            }
            if (node.path("success").asBoolean(false)) {
                return new SendOutcome.Accepted("");
            }
            return new SendOutcome.Unknown("The Graph API answered " + status + " without a message id");
        }
        JsonNode error = node.path("error");
        int code = error.path("code").asInt(0);
        String title = error.path("message").asString("HTTP " + status);
        String details = error.path("error_data").path("details").asString(null);
        return new SendOutcome.Rejected(code, title, details, SendFailure.ofMetaCode(code, status));
    }

    private static Map<String, Object> body(OutboundContent content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", content.to().startsWith("+") ? content.to().substring(1) : content.to());
        switch (content) {
            case OutboundContent.Text t -> {
                body.put("type", "text");
                body.put("text", Map.of("preview_url", t.previewUrl(), "body", t.body()));
            }
            case OutboundContent.Template t -> {
                body.put("type", "template");
                Map<String, Object> template = new LinkedHashMap<>();
                template.put("name", t.name());
                template.put("language", Map.of("code", t.language()));
                if (!t.bodyParameters().isEmpty()) {
                    template.put(
                            "components",
                            List.of(Map.of(
                                    "type",
                                    "body",
                                    "parameters",
                                    t.bodyParameters().stream()
                                            .map(p -> Map.of("type", "text", "text", p))
                                            .toList())));
                }
                body.put("template", template);
            }
            case OutboundContent.Media m -> {
                body.put("type", m.kind().name());
                Map<String, Object> media = new LinkedHashMap<>();
                media.put("link", m.link());
                if (m.caption() != null && m.kind() != OutboundContent.MediaKind.audio) {
                    media.put("caption", m.caption());
                }
                if (m.filename() != null && m.kind() == OutboundContent.MediaKind.document) {
                    media.put("filename", m.filename());
                }
                body.put(m.kind().name(), media);
            }
        }
        return body;
    }

    /**
     * The request body as JSON: strings, booleans, numbers, maps and lists (what {@link #body} builds). Written
     * directly (strings escaped by Jackson's encoder) rather than through the mapper, which looks up a serializer for
     * every value of every map: a twentieth of a campaign's server CPU went there.
     */
    static byte[] write(Map<String, ?> body) {
        StringBuilder out = new StringBuilder(256);
        append(out, body);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, @Nullable Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> {
                out.append('"');
                JsonStringEncoder.getInstance().quoteAsString(text, out);
                out.append('"');
            }
            case Boolean b -> out.append(b.booleanValue());
            case Number n -> out.append(n.toString());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, String.valueOf(e.getKey()));
                    out.append(':');
                    append(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, list.get(i));
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("Not a JSON value: " + value.getClass());
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
