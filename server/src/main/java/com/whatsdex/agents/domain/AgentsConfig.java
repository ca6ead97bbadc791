package com.whatsdex.agents.domain;

import com.whatsdex.agents.AgentClock;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AgentsConfig {

    @Bean
    AgentClock agentClock(Clock clock) {
        return clock::instant;
    }
}
