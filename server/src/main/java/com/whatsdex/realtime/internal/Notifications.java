package com.whatsdex.realtime.internal;

import com.whatsdex.realtime.RealtimeEvent;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The notification payload: {@code {tenantId, type, data}}. Every instance receives every workspace's
 * notifications on the one channel, so the workspace travels with the event and each instance filters by it.
 */
@Component
final class Notifications {

    static final String CHANNEL = "whatsdex_events";

    /** What a stream sends: the event name and the data line, the workspace stripped. */
    record Incoming(UUID tenantId, String type, String data) {}

    private final JsonMapper json;

    Notifications(JsonMapper json) {
        this.json = json;
    }

    String encode(UUID tenantId, RealtimeEvent event) {
        ObjectNode root = json.createObjectNode();
        root.put("tenantId", tenantId.toString());
        root.put("type", event.type());
        root.set("data", json.valueToTree(event));
        return json.writeValueAsString(root);
    }

    Incoming decode(String payload) {
        JsonNode root = json.readTree(payload);
        String type = root.path("type").asString();
        // the data line repeats the type so a client can handle every event in one switch over a tagged union
        ObjectNode data = json.createObjectNode();
        data.put("type", type);
        if (root.path("data") instanceof ObjectNode fields) {
            data.setAll(fields);
        }
        return new Incoming(UUID.fromString(root.path("tenantId").asString()), type, json.writeValueAsString(data));
    }
}
