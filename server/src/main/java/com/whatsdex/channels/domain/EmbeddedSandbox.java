package com.whatsdex.channels.domain;

import com.whatsdex.channels.SandboxNumbers;
import com.whatsdex.sandbox.SandboxApi;
import com.whatsdex.sandbox.SandboxDelivery;
import com.whatsdex.sandbox.SandboxNumber;
import com.whatsdex.sandbox.SandboxSettings;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Channels' sandbox port served by the built-in Graph API emulator of this process. The emulator lives here, so
 * it posts its webhooks to this server on loopback (the public URL may not even be reachable from inside).
 */
@Component
class EmbeddedSandbox implements SandboxNumbers {

    private final SandboxApi sandbox;
    private volatile int localPort = -1;

    EmbeddedSandbox(SandboxApi sandbox) {
        this.sandbox = sandbox;
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        localPort = event.getWebServer().getPort();
    }

    @Override
    public String register(Number number) {
        Settings s = number.settings();
        return sandbox.register(new SandboxNumber(
                number.phoneNumberId(),
                number.displayPhoneNumber(),
                number.accessToken(),
                number.appSecret(),
                loopback(number.webhookUrl()),
                new SandboxSettings(
                        s.failureRate(),
                        s.maxMessagesPerSecond(),
                        s.enforceServiceWindow(),
                        s.sentDelay(),
                        s.deliveredDelay(),
                        s.readDelay())));
    }

    @Override
    public void unregister(String phoneNumberId) {
        sandbox.unregister(phoneNumberId);
    }

    @Override
    public String inbound(String phoneNumberId, String from, String text) {
        return sandbox.inbound(phoneNumberId, from, text);
    }

    @Override
    public List<Delivery> deliveries(String phoneNumberId, @Nullable String to, int limit) {
        return sandbox.deliveries(phoneNumberId, to, limit).stream()
                .map(EmbeddedSandbox::delivery)
                .toList();
    }

    /** The webhook path on this server's own port; before the port is known, the public URL as given. */
    private String loopback(String publicWebhookUrl) {
        if (localPort < 0) {
            return publicWebhookUrl;
        }
        return "http://127.0.0.1:" + localPort + URI.create(publicWebhookUrl).getRawPath();
    }

    private static Delivery delivery(SandboxDelivery d) {
        return new Delivery(
                d.wamid(),
                d.to(),
                d.type(),
                d.text(),
                d.templateName(),
                d.mediaLink(),
                d.status(),
                d.acceptedAt(),
                d.deliveredAt(),
                d.readAt(),
                d.errorCode());
    }
}
