package com.whatsdex.inbox.domain;

import com.whatsdex.inbox.InboxClock;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InboxConfig {

    @Bean
    InboxClock inboxClock(Clock clock) {
        return clock::instant;
    }
}
