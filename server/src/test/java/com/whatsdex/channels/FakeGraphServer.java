package com.whatsdex.channels;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Meta's Graph API: {@code GET /v21.0/{phone-number-id}} answers 200 with the number for the
 * good token and Meta's 401 OAuthException for any other.
 */
final class FakeGraphServer implements AutoCloseable {

    static final String GOOD_TOKEN = "EAAG-good-token-123";
    static final String DISPLAY = "+1 555-010-9999";

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeGraphServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v21.0/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String id = exchange.getRequestURI().getPath().substring("/v21.0/".length());
            int status;
            String body;
            if (("Bearer " + GOOD_TOKEN).equals(auth)) {
                status = 200;
                body = "{\"display_phone_number\":\"" + DISPLAY + "\",\"verified_name\":\"Acme\",\"id\":\"" + id
                        + "\"}";
            } else {
                status = 401;
                body = "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\","
                        + "\"code\":190}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
