package com.whatsdex.channels.domain;

import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.OutboundAddresses;
import com.whatsdex.channels.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tests a Cloud API channel the way Meta's own tools do: {@code GET {graph}/{phone-number-id}} with the channel's
 * token. Real HTTP, so pointing a channel at the sandbox or a local fake exercises the production path.
 */
@Component
class GraphConnectionTester {

    static final String TOKEN_REJECTED = "access token rejected";

    /** What a test found; {@code displayPhoneNumber} as Meta reports it when connected. */
    record Result(
            ChannelStatus status,
            @Nullable String reason,
            @Nullable String displayPhoneNumber) {

        static Result error(String reason) {
            return new Result(ChannelStatus.error, reason, null);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GraphConnectionTester.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    // Meta's OAuthException code for an invalid, expired or revoked token
    private static final int INVALID_TOKEN_CODE = 190;

    private final OutboundHttp http;
    private final JsonMapper json;

    GraphConnectionTester(OutboundHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    Result test(String graphBaseUrl, String phoneNumberId, String accessToken) {
        URI uri;
        try {
            uri = URI.create(stripSlash(graphBaseUrl) + "/" + URLEncoder.encode(phoneNumberId, StandardCharsets.UTF_8)
                    + "?fields=display_phone_number,verified_name");
        } catch (IllegalArgumentException e) {
            return Result.error("the Graph base URL is not a valid URL");
        }
        int status;
        String answer;
        try (OutboundHttp.Response response = http.exchange(
                "GET",
                uri,
                Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"),
                null,
                null,
                TIMEOUT)) {
            status = response.status();
            answer = new String(response.bodyBytes(), StandardCharsets.UTF_8);
        } catch (OutboundAddresses.RefusedAddressException e) {
            return Result.error("the Graph base URL " + e.getMessage());
        } catch (HttpTimeoutException e) {
            return Result.error(
                    "the Graph API at " + uri.getHost() + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            log.info("Channel connection test could not reach {}: {}", uri.getHost(), e.toString());
            return Result.error("cannot reach the Graph API at " + uri.getHost() + ": " + describe(e));
        }
        JsonNode body = parse(answer);
        JsonNode error = body.path("error");
        if (status == 401 || error.path("code").asInt(0) == INVALID_TOKEN_CODE) {
            return Result.error(TOKEN_REJECTED);
        }
        if (status / 100 != 2) {
            String message = error.path("message").asString("");
            return Result.error(
                    "the Graph API answered HTTP " + status + (message.isBlank() ? "" : ": " + truncate(message)));
        }
        String display = body.path("display_phone_number").asString("");
        return new Result(ChannelStatus.connected, null, display.isBlank() ? null : display);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof java.net.ConnectException
                    ? "connection refused"
                    : e.getClass().getSimpleName();
        }
        return truncate(message);
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
