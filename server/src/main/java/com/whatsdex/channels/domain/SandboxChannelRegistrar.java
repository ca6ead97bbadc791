package com.whatsdex.channels.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The sandbox keeps its numbers in memory: give it every sandbox channel back once the application is up. */
@Component
class SandboxChannelRegistrar {

    private static final Logger log = LoggerFactory.getLogger(SandboxChannelRegistrar.class);

    private final ChannelService channels;

    SandboxChannelRegistrar(ChannelService channels) {
        this.channels = channels;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerSandboxChannels() {
        try {
            int n = channels.registerAllSandboxChannels();
            if (n > 0) {
                log.info("Registered {} sandbox channel(s) with the sandbox", n);
            }
        } catch (RuntimeException e) {
            // a broken sweep must not stop the server; each channel's test connection registers it again
            log.error("Could not register sandbox channels at start-up", e);
        }
    }
}
