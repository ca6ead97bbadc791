package com.whatsdex.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The agent clock the tests move: real time plus an offset a test sets (and resets). */
@Configuration(proxyBeanMethods = false)
class TestAgentClock {

    static final class Movable implements AgentClock {

        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        @Override
        public Instant now() {
            return Instant.now().plus(offset.get());
        }

        /** From now on the clock runs {@code ahead} of real time. */
        void advance(Duration ahead) {
            offset.set(ahead);
        }

        void reset() {
            offset.set(Duration.ZERO);
        }
    }

    @Bean
    @Primary
    Movable movableAgentClock() {
        return new Movable();
    }
}
