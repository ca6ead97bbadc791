package com.whatsdex.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxJsonBody the largest request body accepted outside upload endpoints
 * @param uploadPaths path prefixes that take large bodies and enforce their own limits
 * @param maxConcurrentWebhooks webhook requests worked on at once (see {@link AdmissionFilter}); those of one workspace
 *     share its transactions (the webhook ingest's group commit) and wait for them without a database connection of
 *     their own, so room for many lets batches form: at 1,000 inbound messages/s over 10 workspaces, 64 allowed 3.4
 *     webhooks per transaction and 848/s; 256 allowed 10.7 and 968/s (docs/load.md)
 * @param maxConcurrentRequests API requests worked on at once, the event stream and uploads not counted
 * @param admissionWait how long a request may wait for room before it is answered 503
 */
@ConfigurationProperties("whatsdex.http")
record HttpProperties(
        @DefaultValue("1MB") DataSize maxJsonBody,
        @DefaultValue List<String> uploadPaths,
        @DefaultValue("256") int maxConcurrentWebhooks,
        @DefaultValue("32") int maxConcurrentRequests,
        @DefaultValue("2s") Duration admissionWait) {

    HttpProperties {
        if (maxConcurrentWebhooks < 1 || maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("whatsdex.http.max-concurrent-* must be at least 1");
        }
    }
}
