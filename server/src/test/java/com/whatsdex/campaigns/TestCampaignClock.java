package com.whatsdex.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The campaign clock the tests move: real time plus an offset, so it keeps ticking. A plain configuration found by
 * component scanning, so every test class shares one application context with it (offset zero unless a test sets
 * one, and resets it).
 */
@Configuration(proxyBeanMethods = false)
class TestCampaignClock {

    /** Real time shifted by an offset a test sets. */
    static final class Movable implements CampaignClock {

        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        @Override
        public Instant now() {
            return Instant.now().plus(offset.get());
        }

        /** From now on the clock shows {@code at} (and ticks on from there). */
        void set(Instant at) {
            offset.set(Duration.between(Instant.now(), at));
        }

        void reset() {
            offset.set(Duration.ZERO);
        }
    }

    @Bean
    @Primary
    Movable movableCampaignClock() {
        return new Movable();
    }
}
