package com.whatsdex.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SandboxWebhookSignerTests {

    @Test
    void signsLikeMetaForTheFixtureTestVector() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSigner.sign("app_secret_123", body))
                .isEqualTo("sha256=02fe0c96d28c59ddb7cf81eff0ca05809b360ba73b63c28210b5906a0a107d1f");
    }

    @Test
    void signatureDependsOnEveryByte() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[] }".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSigner.sign("app_secret_123", body))
                .isNotEqualTo("sha256=02fe0c96d28c59ddb7cf81eff0ca05809b360ba73b63c28210b5906a0a107d1f");
    }
}
