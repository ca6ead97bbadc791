package com.whatsdex.channels;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox port for tests until the sandbox module provides the real one (then delete this). A plain
 * configuration found by component scanning, so every test class shares one application context.
 */
@Configuration(proxyBeanMethods = false)
class TestSandboxConfig {

    @Bean
    InMemorySandboxNumbers inMemorySandboxNumbers() {
        return new InMemorySandboxNumbers();
    }
}
