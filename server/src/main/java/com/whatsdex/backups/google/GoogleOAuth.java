package com.whatsdex.backups.google;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Google's OAuth 2.0 endpoints: the consent URL (authorization code + PKCE), code exchange, refresh, revoke. */
@Component
public class GoogleOAuth {

    private static final Logger log = LoggerFactory.getLogger(GoogleOAuth.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a code exchange gives: the refresh token kept for backups, and the account it belongs to. */
    public record Grant(
            String refreshToken,
            String accessToken,
            @Nullable String email) {}

    private final GoogleProperties props;
    private final HttpClient http;

    GoogleOAuth(GoogleProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder()
                .connectTimeout(props.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public boolean configured() {
        return props.configured();
    }

    /** A fresh PKCE code verifier: 64 random bytes, base64url (86 characters, within RFC 7636's 43 – 128). */
    public static String newVerifier() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The S256 challenge of a verifier. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the browser goes to consent: offline access (a refresh token), files this app creates only. */
    public String authorizationUrl(String state, String verifier, String redirectUri) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", props.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", GoogleProperties.SCOPE);
        q.put("access_type", "offline");
        q.put("prompt", "consent"); // a refresh token every time, also when the account linked before
        q.put("include_granted_scopes", "true");
        q.put("code_challenge", challenge(verifier));
        q.put("code_challenge_method", "S256");
        q.put("state", state);
        return props.authUri() + (props.authUri().contains("?") ? "&" : "?") + form(q);
    }

    /** @throws DriveException when Google refuses the code (expired, used, wrong verifier) */
    public Grant exchange(String code, String verifier, String redirectUri) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("code_verifier", verifier);
        f.put("redirect_uri", redirectUri);
        f.put("client_id", props.clientId());
        f.put("client_secret", props.clientSecret());
        JsonNode token = post(props.tokenUri(), f);
        String refresh = text(token, "refresh_token");
        String access = text(token, "access_token");
        if (refresh == null || access == null) {
            throw new DriveException(
                    DriveException.Reason.drive_error, "Google did not grant offline access; link Google Drive again");
        }
        return new Grant(refresh, access, email(text(token, "id_token")));
    }

    /** A short-lived access token. @throws DriveException drive_revoked when the refresh token no longer works */
    public String accessToken(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken);
        f.put("client_id", props.clientId());
        f.put("client_secret", props.clientSecret());
        String access = text(post(props.tokenUri(), f), "access_token");
        if (access == null) {
            throw new DriveException(DriveException.Reason.drive_error, "Google answered without an access token");
        }
        return access;
    }

    /** Revokes the token at Google; a token Google no longer knows counts as revoked. */
    public void revoke(String token) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(props.revokeUri()))
                            .timeout(props.timeout())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("token", token))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 400) {
                log.warn("Google answered HTTP {} to a token revocation", r.statusCode());
            }
        } catch (IOException e) {
            log.warn("Could not reach Google to revoke a token: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode post(String uri, Map<String, String> fields) {
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(props.timeout())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DriveException(DriveException.Reason.drive_error, "Google could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriveException(DriveException.Reason.drive_error, "Interrupted while talking to Google", e);
        }
        JsonNode body = parse(r.body());
        if (r.statusCode() == 200) {
            return body;
        }
        String error = text(body, "error");
        if ("invalid_grant".equals(error)) {
            throw new DriveException(
                    DriveException.Reason.drive_revoked,
                    "Google Drive access was revoked or expired; link Google Drive again");
        }
        log.warn("Google's token endpoint answered HTTP {}: {}", r.statusCode(), error);
        throw new DriveException(
                DriveException.Reason.drive_error,
                "Google's token endpoint answered HTTP " + r.statusCode() + (error == null ? "" : " (" + error + ")"));
    }

    /** The email claim of an ID token; Google sent it to us directly over TLS, so its payload is read as is. */
    private static @Nullable String email(@Nullable String idToken) {
        if (idToken == null) {
            return null;
        }
        String[] parts = idToken.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return text(claims, "email");
        } catch (IllegalArgumentException | JacksonException e) {
            return null;
        }
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asString();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
