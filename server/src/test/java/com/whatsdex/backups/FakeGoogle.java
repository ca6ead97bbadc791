package com.whatsdex.backups;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Google for the backup tests: the OAuth consent (as a call the test makes instead of a browser), the token
 * endpoint (authorization code with PKCE, refresh), revocation, and the Drive v3 subset backups use (folders, file
 * listing, resumable uploads, download, delete). It can drop a connection in the middle of an upload chunk, refuse
 * uploads as if the account's storage were full, and revoke every token.
 */
public final class FakeGoogle implements AutoCloseable {

    public static final String CLIENT_ID = "fake-client.apps.googleusercontent.com";
    public static final String CLIENT_SECRET = "fake-client-secret";
    public static final String EMAIL = "owner@example.com";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stored Drive file. */
    public record File(String id, String name, String mimeType, List<String> parents, byte[] data, Instant created) {}

    private record PendingCode(String challenge, String redirectUri) {}

    private record Session(String name, List<String> parents, ByteArrayOutputStream data) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong dropAfter = new AtomicLong(-1);
    private final AtomicInteger drops = new AtomicInteger();
    private final List<String> revoked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean quotaExceeded;

    public FakeGoogle() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/token", this::token);
        server.createContext("/revoke", this::revoke);
        server.createContext("/drive/v3/files", this::files);
        server.createContext("/upload/drive/v3/files", this::startUpload);
        server.createContext("/upload/session/", this::uploadChunk);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The settings that point the server at this fake. */
    public Map<String, String> properties() {
        return Map.of(
                "whatsdex.google.client-id", CLIENT_ID,
                "whatsdex.google.client-secret", CLIENT_SECRET,
                "whatsdex.google.auth-uri", baseUrl() + "/auth",
                "whatsdex.google.token-uri", baseUrl() + "/token",
                "whatsdex.google.revoke-uri", baseUrl() + "/revoke",
                "whatsdex.google.drive-root-url", baseUrl() + "/");
    }

    /**
     * What Google's consent screen does when the person accepts: checks the request and answers the code it would put
     * on the redirect.
     */
    public String approve(String authorizationUrl) {
        Map<String, String> q = query(URI.create(authorizationUrl).getRawQuery());
        require(CLIENT_ID.equals(q.get("client_id")), "client_id");
        require("code".equals(q.get("response_type")), "response_type");
        require("S256".equals(q.get("code_challenge_method")), "code_challenge_method");
        require("offline".equals(q.get("access_type")), "access_type");
        require(q.get("scope").contains("https://www.googleapis.com/auth/drive.file"), "scope");
        require(!q.get("scope").contains("auth/drive "), "scope must not ask for the whole Drive");
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new PendingCode(q.get("code_challenge"), q.get("redirect_uri")));
        return code;
    }

    /** Every file of this fake, newest first. */
    public List<File> files() {
        List<File> all = new ArrayList<>(files.values());
        all.sort((a, b) -> b.created().compareTo(a.created()));
        return all;
    }

    /** The backups (zip files) in the app's folder, newest first. */
    public List<File> archives() {
        return files().stream().filter(f -> f.name().endsWith(".zip")).toList();
    }

    /** The next upload chunk is cut off (connection closed, no answer) after this many of its bytes. */
    public void dropNextChunkAfter(long bytes) {
        dropAfter.set(bytes);
    }

    /** How many connections were dropped on purpose. */
    public int drops() {
        return drops.get();
    }

    /** Google forgets every token, as when the user removes the app's access. */
    public void revokeAll() {
        refreshTokens.clear();
        accessTokens.clear();
    }

    public List<String> revokedTokens() {
        return List.copyOf(revoked);
    }

    public void quotaExceeded(boolean full) {
        this.quotaExceeded = full;
    }

    public void reset() {
        files.clear();
        sessions.clear();
        dropAfter.set(-1);
        drops.set(0);
        quotaExceeded = false;
        revoked.clear();
    }

    // ---- OAuth

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> f = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
                json(ex, 401, Map.of("error", "invalid_client"));
                return;
            }
            if ("authorization_code".equals(f.get("grant_type"))) {
                PendingCode pending = codes.remove(String.valueOf(f.get("code")));
                if (pending == null
                        || !pending.redirectUri().equals(f.get("redirect_uri"))
                        || !pending.challenge().equals(s256(String.valueOf(f.get("code_verifier"))))) {
                    json(ex, 400, Map.of("error", "invalid_grant"));
                    return;
                }
                String refresh = "rt-" + UUID.randomUUID();
                String access = "at-" + UUID.randomUUID();
                refreshTokens.add(refresh);
                accessTokens.add(access);
                String payload = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(JSON.writeValueAsBytes(Map.of("email", EMAIL, "sub", "1")));
                json(
                        ex,
                        200,
                        Map.of(
                                "access_token",
                                access,
                                "refresh_token",
                                refresh,
                                "expires_in",
                                3599,
                                "token_type",
                                "Bearer",
                                "id_token",
                                "e30." + payload + ".sig"));
                return;
            }
            if ("refresh_token".equals(f.get("grant_type"))) {
                if (!refreshTokens.contains(String.valueOf(f.get("refresh_token")))) {
                    json(ex, 400, Map.of("error", "invalid_grant", "error_description", "Token has been revoked."));
                    return;
                }
                String access = "at-" + UUID.randomUUID();
                accessTokens.add(access);
                json(ex, 200, Map.of("access_token", access, "expires_in", 3599, "token_type", "Bearer"));
                return;
            }
            json(ex, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private void revoke(HttpExchange ex) throws IOException {
        try (ex) {
            String token = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .get("token");
            revoked.add(String.valueOf(token));
            refreshTokens.remove(token);
            ex.sendResponseHeaders(200, -1);
        }
    }

    // ---- Drive

    private boolean authorized(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
            json(ex, 401, Map.of("error", Map.of("code", 401, "message", "Invalid Credentials")));
            return false;
        }
        return true;
    }

    private void files(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                return;
            }
            String path = ex.getRequestURI().getPath();
            String id = path.length() > "/drive/v3/files/".length() ? path.substring("/drive/v3/files/".length()) : "";
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            switch (ex.getRequestMethod()) {
                case "GET" -> {
                    if (!id.isEmpty()) {
                        File f = files.get(id);
                        if (f == null) {
                            json(ex, 404, Map.of("error", Map.of("code", 404, "message", "File not found")));
                            return;
                        }
                        ex.sendResponseHeaders(200, f.data().length);
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(f.data());
                        }
                        return;
                    }
                    String query = q.getOrDefault("q", "");
                    List<Map<String, Object>> found = new ArrayList<>();
                    for (File f : files()) {
                        boolean match;
                        if (query.contains(" in parents")) {
                            String parent = query.substring(query.indexOf('\'') + 1, query.indexOf('\'', 1));
                            match = f.parents().contains(parent);
                        } else {
                            String name = query.substring(query.indexOf('\'') + 1, query.indexOf('\'', 8));
                            match = f.name().equals(name) && f.mimeType().equals("application/vnd.google-apps.folder");
                        }
                        if (match) {
                            found.add(view(f));
                        }
                    }
                    json(ex, 200, Map.of("files", found));
                }
                case "POST" -> {
                    Map<?, ?> body = JSON.readValue(ex.getRequestBody().readAllBytes(), Map.class);
                    File folder = store(
                            String.valueOf(body.get("name")),
                            String.valueOf(body.get("mimeType")),
                            List.of(),
                            new byte[0]);
                    json(ex, 200, view(folder));
                }
                case "DELETE" -> {
                    if (files.remove(id) == null) {
                        json(ex, 404, Map.of("error", Map.of("code", 404, "message", "File not found")));
                        return;
                    }
                    ex.sendResponseHeaders(204, -1);
                }
                default -> json(ex, 405, Map.of("error", Map.of("code", 405, "message", "no")));
            }
        }
    }

    private void startUpload(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                return;
            }
            if (quotaExceeded) {
                json(
                        ex,
                        403,
                        Map.of(
                                "error",
                                Map.of(
                                        "code",
                                        403,
                                        "message",
                                        "The user's Drive storage quota has been exceeded.",
                                        "errors",
                                        List.of(Map.of("reason", "storageQuotaExceeded")))));
                return;
            }
            Map<?, ?> body = JSON.readValue(ex.getRequestBody().readAllBytes(), Map.class);
            String session = UUID.randomUUID().toString();
            @SuppressWarnings("unchecked")
            List<String> parents = (List<String>) body.get("parents");
            sessions.put(session, new Session(String.valueOf(body.get("name")), parents, new ByteArrayOutputStream()));
            ex.getResponseHeaders().add("Location", baseUrl() + "/upload/session/" + session);
            ex.sendResponseHeaders(200, -1);
        }
    }

    private void uploadChunk(HttpExchange ex) throws IOException {
        String sessionId = ex.getRequestURI().getPath().substring("/upload/session/".length());
        Session session = sessions.get(sessionId);
        String range = ex.getRequestHeaders().getFirst("Content-Range");
        if (session == null || range == null) {
            try (ex) {
                json(ex, 404, Map.of("error", Map.of("code", 404, "message", "No such upload")));
            }
            return;
        }
        // "bytes a-b/total", "bytes a-b/*", "bytes */total" or "bytes */*"
        String spec = range.substring("bytes ".length());
        String totalText = spec.substring(spec.indexOf('/') + 1);
        long total = totalText.equals("*") ? -1 : Long.parseLong(totalText);
        InputStream in = ex.getRequestBody();
        if (!spec.startsWith("*")) {
            long first = Long.parseLong(spec.substring(0, spec.indexOf('-')));
            if (first != session.data().size()) {
                try (ex) {
                    json(ex, 400, Map.of("error", Map.of("code", 400, "message", "Bad offset " + first)));
                }
                return;
            }
            long cut = dropAfter.getAndSet(-1);
            if (cut >= 0) {
                // keep part of the chunk, then close the connection without answering
                session.data().write(in.readNBytes((int) cut));
                drops.incrementAndGet();
                ex.getHttpContext().getServer(); // the exchange is abandoned: the client sees the connection end
                ex.close();
                return;
            }
            session.data().write(in.readAllBytes());
        } else {
            in.readAllBytes();
        }
        try (ex) {
            long have = session.data().size();
            if (total >= 0 && have == total) {
                File f = store(
                        session.name(),
                        "application/zip",
                        session.parents(),
                        session.data().toByteArray());
                sessions.remove(sessionId);
                json(ex, 200, view(f));
                return;
            }
            if (have > 0) {
                ex.getResponseHeaders().add("Range", "bytes=0-" + (have - 1));
            }
            ex.sendResponseHeaders(308, -1);
        }
    }

    private File store(String name, String mimeType, List<String> parents, byte[] data) {
        String id = "file-" + ids.incrementAndGet();
        File f = new File(id, name, mimeType, parents, data, Instant.now().plusNanos(ids.get()));
        files.put(id, f);
        return f;
    }

    private static Map<String, Object> view(File f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", f.id());
        v.put("name", f.name());
        v.put("size", String.valueOf(f.data().length));
        v.put("createdTime", f.created().toString());
        v.put("webViewLink", "https://drive.google.com/file/d/" + f.id() + "/view");
        return v;
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> query(@Nullable String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("The authorization request's " + what + " is wrong");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
