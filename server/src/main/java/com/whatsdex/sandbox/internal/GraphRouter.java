package com.whatsdex.sandbox.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a Graph API call to the engine, whichever HTTP server carried it (the application's, or the standalone
 * one's), so both answer byte for byte alike:
 *
 * <ul>
 *   <li>{@code POST /sandbox/graph/{version}/{phoneNumberId}/messages}: send, or mark as read
 *   <li>{@code GET /sandbox/graph/{version}/{id}}: a phone number's info, or a media item's download URL
 *   <li>{@code GET /sandbox/media/{mediaId}}: the media bytes
 * </ul>
 */
public final class GraphRouter {

    private static final Logger log = LoggerFactory.getLogger(GraphRouter.class);

    public static final String GRAPH_PREFIX = "/sandbox/graph/";
    public static final String MEDIA_PREFIX = "/sandbox/media/";

    private final SandboxEngine engine;

    public GraphRouter(SandboxEngine engine) {
        this.engine = engine;
    }

    public GraphResponse handle(String method, String path, @Nullable String authorization, byte[] body) {
        try {
            return route(method, path, authorization, body);
        } catch (RuntimeException e) {
            log.error("Sandbox failed on {} {}", method, path, e);
            return MetaErrors.response(engine.json(), MetaErrors.unknown());
        }
    }

    private GraphResponse route(String method, String path, @Nullable String authorization, byte[] body) {
        if (path.startsWith(MEDIA_PREFIX)) {
            String mediaId = path.substring(MEDIA_PREFIX.length());
            if (method.equals("GET") && !mediaId.isEmpty() && !mediaId.contains("/")) {
                return engine.mediaDownload(mediaId, authorization);
            }
            return MetaErrors.response(engine.json(), MetaErrors.unknownPath());
        }
        if (!path.startsWith(GRAPH_PREFIX)) {
            return MetaErrors.response(engine.json(), MetaErrors.unknownPath());
        }
        String[] parts = path.substring(GRAPH_PREFIX.length()).split("/", -1);
        if (parts.length < 2 || !parts[0].matches("v\\d+(\\.\\d+)?") || parts[1].isEmpty()) {
            return MetaErrors.response(engine.json(), MetaErrors.unknownPath());
        }
        String id = parts[1];
        if (parts.length == 2 && method.equals("GET")) {
            // Graph ids share one namespace: a phone number id or a media id
            return engine.isNumber(id) ? engine.phoneNumber(id, authorization) : engine.mediaInfo(id, authorization);
        }
        if (parts.length == 3 && parts[2].equals("messages") && method.equals("POST")) {
            return engine.send(id, authorization, body);
        }
        return MetaErrors.response(
                engine.json(), MetaErrors.unsupported(method.toLowerCase(java.util.Locale.ROOT), id));
    }
}
