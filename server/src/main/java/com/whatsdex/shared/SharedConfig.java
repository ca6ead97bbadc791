package com.whatsdex.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SharedConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
