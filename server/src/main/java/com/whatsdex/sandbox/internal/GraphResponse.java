package com.whatsdex.sandbox.internal;

import java.nio.charset.StandardCharsets;

/** An answer of the Graph API emulator, independent of the HTTP server that carries it. */
public record GraphResponse(int status, String contentType, byte[] body) {

    static final String JSON = "application/json";

    static GraphResponse json(int status, String json) {
        return new GraphResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }
}
