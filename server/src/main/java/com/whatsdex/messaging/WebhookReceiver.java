package com.whatsdex.messaging;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Meta's signed webhook posts for a channel, as the HTTP layer receives them: the id from the path, the raw body (the
 * signature covers its bytes) and the {@code X-Hub-Signature-256} header. Everything in the body is verified and stored
 * before this returns.
 */
public interface WebhookReceiver {

    /** Meta's payloads are a few KB; a larger body is refused whole. */
    int MAX_BODY = 1024 * 1024;

    /**
     * @throws com.whatsdex.shared.ApiException not_found for a malformed or unknown channel id, payload_too_large over
     *     {@link #MAX_BODY}, unauthenticated for a bad or missing signature, bad_request for a body that is not a JSON
     *     object; in each case nothing is stored
     * @throws IOException when reading the body fails
     */
    void receive(String channelId, InputStream body, @Nullable String signature) throws IOException;
}
