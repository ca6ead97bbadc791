package com.whatsdex.jobs.internal;

import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.WorkerGroup;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Worker groups and job retries. Every value has a default; override per group, e.g.
 * {@code whatsdex.jobs.ai.threads=16}.
 *
 * @param ai agent replies: many threads, short polling, for sub-second pickup across nodes
 * @param media file transfers
 * @param analytics rollups: few threads, relaxed polling
 * @param campaigns dispatch
 * @param heartbeatInterval how often a running execution proves its node is alive; short, so work of a node that
 *     died (kill -9) is taken over in seconds rather than db-scheduler's default half hour
 * @param missedHeartbeatsLimit heartbeats missed before an execution is considered dead (db-scheduler's minimum 4)
 * @param shutdownMaxWait how long a stop lets running executions finish before interrupting them; db-scheduler
 *     may wait twice this, and the whole shutdown must stay under 5 s
 * @param retry the retry policy of tasks that declare none
 */
@ConfigurationProperties("whatsdex.jobs")
public record JobsProperties(
        @Nullable GroupSettings ai,
        @Nullable GroupSettings media,
        @Nullable GroupSettings analytics,
        @Nullable GroupSettings campaigns,
        @DefaultValue("2s") Duration heartbeatInterval,
        @DefaultValue("4") int missedHeartbeatsLimit,
        @DefaultValue("1500ms") Duration shutdownMaxWait,
        @DefaultValue Retry retry) {

    /** Overrides of one group's defaults; unset values keep the default. */
    public record GroupSettings(
            @Nullable Integer threads, @Nullable Duration pollInterval) {}

    /** A group's effective settings. */
    public record Group(int threads, Duration pollInterval) {

        public Group {
            if (threads < 1) {
                throw new IllegalArgumentException("A worker group needs at least one thread");
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("Poll interval must be positive");
            }
        }
    }

    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff) {

        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
        }
    }

    public Group group(WorkerGroup group) {
        Group defaults = defaults(group);
        GroupSettings settings = switch (group) {
            case ai -> ai;
            case media -> media;
            case analytics -> analytics;
            case campaigns -> campaigns;
        };
        if (settings == null) {
            return defaults;
        }
        return new Group(
                settings.threads() == null ? defaults.threads() : settings.threads(),
                settings.pollInterval() == null ? defaults.pollInterval() : settings.pollInterval());
    }

    /** Measured on this kind of machine: ai pickup must feel instant, analytics can wait seconds. */
    static Group defaults(WorkerGroup group) {
        return switch (group) {
            case ai -> new Group(32, Duration.ofMillis(100));
            case media -> new Group(4, Duration.ofSeconds(1));
            case analytics -> new Group(2, Duration.ofSeconds(5));
            case campaigns -> new Group(4, Duration.ofSeconds(1));
        };
    }
}
