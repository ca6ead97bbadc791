package com.whatsdex.sandbox.internal;

import com.whatsdex.sandbox.SandboxNumber;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts a number's webhooks, signed, one request at a time per number on a virtual thread: whatever queued up while
 * a request was in flight goes out as one batch next, so statuses due together share a payload (as Meta batches
 * them) and a message's statuses arrive in the order they happened. Connection errors and 5xx answers are retried
 * with backoff (up to 10 s apart, for {@link #RETRY_FOR}), as Meta retries; other refusals are logged and dropped,
 * since resending would not change them.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    static final int MAX_BATCH = 100;
    /** A receiver that is down must not fill the heap: beyond this, a number's webhooks are dropped. */
    static final int MAX_OUTBOX = 100_000;

    /**
     * How long a webhook the receiver answers with a 5xx (or cannot be reached for) is retried before it is dropped.
     * Meta keeps retrying for hours; an overloaded receiver that answers 503 for a minute or two must not lose statuses.
     */
    private static final Duration RETRY_FOR = Duration.ofMinutes(10);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final JsonMapper json;
    private final SandboxStats stats;
    private final Predicate<NumberState> registered;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Apache's blocking client on the dispatcher's virtual threads: the JDK's HttpClient spent about half of a
     * standalone sandbox's CPU on its asynchronous machinery when posting statuses for 2,000 sends/s.
     */
    private final CloseableHttpClient http;

    /** As Meta labels its webhooks: no charset parameter. */
    private static final ContentType JSON_TYPE = ContentType.create("application/json");

    WebhookDispatcher(JsonMapper json, SandboxStats stats, Predicate<NumberState> registered) {
        this.json = json;
        this.stats = stats;
        this.registered = registered;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // one request in flight per number, and numbers may share a receiver
                        .setMaxConnPerRoute(1_000)
                        .setMaxConnTotal(2_000)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofSeconds(10))
                        .setConnectionRequestTimeout(Timeout.ofSeconds(10))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries() // the dispatcher retries, with backoff
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    void enqueue(NumberState state, NumberState.Outgoing item) {
        if (state.outboxSize.incrementAndGet() > MAX_OUTBOX) {
            state.outboxSize.decrementAndGet();
            stats.dropped.increment();
            return;
        }
        state.outbox.add(item);
        kick(state);
    }

    private void kick(NumberState state) {
        if (state.draining.compareAndSet(false, true)) {
            try {
                workers.execute(() -> drain(state));
            } catch (RejectedExecutionException closed) {
                state.draining.set(false);
            }
        }
    }

    private void drain(NumberState state) {
        while (true) {
            List<NumberState.Outgoing> batch = take(state);
            if (batch.isEmpty()) {
                state.draining.set(false);
                // an item added between the empty poll and the reset found draining still set: pick it up
                if (state.outbox.isEmpty() || !state.draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (!post(state, batch)) {
                return;
            }
        }
    }

    private static List<NumberState.Outgoing> take(NumberState state) {
        List<NumberState.Outgoing> batch = new ArrayList<>();
        NumberState.Outgoing first = state.outbox.poll();
        if (first == null) {
            return batch;
        }
        batch.add(first);
        if (first instanceof NumberState.Status) {
            while (batch.size() < MAX_BATCH && state.outbox.peek() instanceof NumberState.Status) {
                batch.add(state.outbox.poll());
            }
        }
        state.outboxSize.addAndGet(-batch.size());
        return batch;
    }

    byte[] payload(SandboxNumber number, List<NumberState.Outgoing> batch) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", wabaId(number.phoneNumberId()));
        ObjectNode change = entry.putArray("changes").addObject();
        change.put("field", "messages");
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        ObjectNode metadata = value.putObject("metadata");
        metadata.put("display_phone_number", number.displayPhoneNumber());
        metadata.put("phone_number_id", number.phoneNumberId());
        if (batch.getFirst() instanceof NumberState.Inbound inbound) {
            value.putArray("contacts").add(inbound.contact());
            value.putArray("messages").add(inbound.message());
        } else {
            ArrayNode statuses = value.putArray("statuses");
            for (NumberState.Outgoing item : batch) {
                statuses.add(((NumberState.Status) item).status());
            }
        }
        return json.writeValueAsBytes(root);
    }

    /** Meta puts the business account's id in each entry; the sandbox has none, so it derives a stable one. */
    static String wabaId(String phoneNumberId) {
        return Long.toString(100_000_000_000_000L + Math.floorMod(phoneNumberId.hashCode(), 899_999_999_999_999L));
    }

    /** @return false when the dispatcher was closed while waiting to retry */
    private boolean post(NumberState state, List<NumberState.Outgoing> batch) {
        Duration backoff = FIRST_BACKOFF;
        long giveUpAt = System.nanoTime() + RETRY_FOR.toNanos();
        for (int attempt = 1; ; attempt++) {
            if (!registered.test(state)) {
                return true;
            }
            // the current registration, so a changed secret or URL applies to webhooks already queued
            SandboxNumber number = state.number();
            byte[] body = payload(number, batch);
            String failure;
            try {
                HttpPost request = new HttpPost(URI.create(number.webhookUrl()));
                request.setHeader(WebhookSigner.HEADER, WebhookSigner.sign(number.appSecret(), body));
                request.setEntity(new ByteArrayEntity(body, JSON_TYPE));
                int status = http.execute(request, response -> {
                    EntityUtils.consume(response.getEntity()); // read to its end: the connection is kept
                    return response.getCode();
                });
                stats.webhookPosts.increment();
                if (status / 100 == 2) {
                    if (batch.getFirst() instanceof NumberState.Inbound) {
                        stats.inboundPosted.increment();
                    } else {
                        stats.statusesPosted.add(batch.size());
                    }
                    return true;
                }
                if (status < 500) {
                    stats.webhookFailures.increment();
                    log.warn(
                            "Sandbox webhook for number {} refused with HTTP {}; dropped {} item(s)",
                            number.phoneNumberId(),
                            status,
                            batch.size());
                    return true;
                }
                failure = "HTTP " + status;
            } catch (IOException | IllegalArgumentException e) {
                failure = e.toString();
            }
            if (Thread.currentThread().isInterrupted()) {
                return false; // closed while posting
            }
            stats.webhookFailures.increment();
            if (System.nanoTime() + backoff.toNanos() > giveUpAt) {
                log.warn(
                        "Sandbox webhook for number {} failed {} times over {} ({}); dropped {} item(s)",
                        number.phoneNumberId(),
                        attempt,
                        RETRY_FOR,
                        failure,
                        batch.size());
                return true;
            }
            try {
                // a virtual thread: sleeping holds only this number's queue, which keeps its statuses in order
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
