package com.whatsdex.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Posts webhooks the way Meta does: the raw bytes, signed with {@code X-Hub-Signature-256} under the channel's app
 * secret. Tests that post fixture payloads connect a Cloud API channel with an app secret they choose, so they know
 * the secret without reading it back from the database; sandbox channels are exercised through the sandbox itself,
 * which signs with the secret it was given.
 */
final class WebhookClient {

    record Response(int status, String body) {}

    record Bytes(int status, byte[] body, @Nullable String contentType) {}

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    static String sign(String appSecret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Response post(UUID channelId, String body, @Nullable String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/whatsapp/" + channelId))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response postSigned(UUID channelId, String appSecret, String body) {
        return post(channelId, body, sign(appSecret, body));
    }

    /** A GET with a browser's session cookie, keeping the body as bytes. */
    Bytes getBytes(String path, String sessionCookie) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Cookie", "WDX_SESSION=" + sessionCookie)
                .GET()
                .build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                return new Bytes(
                        r.statusCode(),
                        in.readAllBytes(),
                        r.headers().firstValue("Content-Type").orElse(null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
