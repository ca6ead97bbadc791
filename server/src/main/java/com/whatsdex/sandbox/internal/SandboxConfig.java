package com.whatsdex.sandbox.internal;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandbox inside the application: the same engine the standalone server runs, on the application's port. */
@Configuration(proxyBeanMethods = false)
class SandboxConfig {

    @Bean(destroyMethod = "close")
    SandboxEngine sandboxEngine(Clock clock, @Value("${server.port:8080}") int port) {
        // loopback: the Cloud API client reaches the emulator without leaving the machine
        return new SandboxEngine(clock, "http://127.0.0.1:" + port);
    }

    @Bean
    GraphRouter sandboxGraphRouter(SandboxEngine engine) {
        return new GraphRouter(engine);
    }

    /** With port 0 (tests) the real port is known only now, before anyone registers a number at startup. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> sandboxPort(SandboxEngine engine) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() == null) {
                engine.rootUrl("http://127.0.0.1:" + event.getWebServer().getPort());
            }
        };
    }
}
