package com.whatsdex.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client over real HTTP that behaves like the dashboard in a browser: keeps cookies, sends the CSRF token on
 * writes; or, with {@link #withBearer}, like a program using an API key.
 */
public final class Browser {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers, String raw) {

        public JsonNode data() {
            return body.path("data");
        }

        public String errorCode() {
            return body.path("error").path("code").asString();
        }

        public @Nullable String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private @Nullable String bearer;
    private @Nullable UUID workspaceId;

    public Browser(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public Browser withBearer(String token) {
        this.bearer = token;
        return this;
    }

    public @Nullable UUID workspaceId() {
        return workspaceId;
    }

    /** Registers a new workspace with a unique owner and stays signed in. */
    public Browser register(String workspaceName) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        Response r = post(
                "/api/v1/auth/register",
                Map.of(
                        "email",
                        email,
                        "password",
                        "correct horse battery",
                        "name",
                        "Owner",
                        "workspaceName",
                        workspaceName));
        if (r.status() != 201) {
            throw new IllegalStateException("register failed: " + r.raw());
        }
        workspaceId = UUID.fromString(r.data().path("workspace").path("id").asString());
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, @Nullable Object body) {
        return send("POST", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, @Nullable Object body) {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        return raw(method, path, json, "application/json");
    }

    /** Sends a body of {@code contentType}; without a body, {@code contentType} is sent as Accept. */
    public Response raw(String method, String path, @Nullable String body, String contentType) {
        return raw(method, path, body, contentType, Map.of());
    }

    /** Like {@link #raw(String, String, String, String)}, with extra request headers. */
    public Response raw(
            String method, String path, @Nullable String body, String contentType, Map<String, String> headers) {
        return send(
                method, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body), contentType, headers);
    }

    /** Sends {@code body} as it is (a file upload), with {@code contentType}. */
    public Response bytes(String method, String path, byte[] body, String contentType) {
        return send(method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType, Map.of());
    }

    /** A multipart/form-data POST: one file part named {@code field} plus plain form fields. */
    public Response multipart(String path, String field, String filename, byte[] file, Map<String, String> fields) {
        String boundary = "----whatsdex" + java.util.UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(
                "POST",
                path,
                HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()),
                "multipart/form-data; boundary=" + boundary,
                Map.of());
    }

    private Response send(
            String method,
            String path,
            HttpRequest.@Nullable BodyPublisher body,
            String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null) {
            request.header("Content-Type", contentType);
        } else {
            request.header("Accept", contentType); // without a body the media type is what the caller accepts
        }
        headers.forEach(request::header);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        } else if (!method.equals("GET")) {
            String csrf = cookie("XSRF-TOKEN");
            if (csrf != null) {
                request.header("X-XSRF-TOKEN", csrf);
            }
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
            return new Response(response.statusCode(), node, response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public @Nullable String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("raw", body);
        }
    }
}
