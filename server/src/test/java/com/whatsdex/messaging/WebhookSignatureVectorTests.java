package com.whatsdex.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test vector of the fixtures' README, so the signing the webhook tests rely on is Meta's. */
class WebhookSignatureVectorTests {

    @Test
    void signsTheReadmeVectorLikeMeta() {
        assertThat(WebhookClient.sign("app_secret_123", "{\"object\":\"whatsapp_business_account\",\"entry\":[]}"))
                .isEqualTo("sha256=02fe0c96d28c59ddb7cf81eff0ca05809b360ba73b63c28210b5906a0a107d1f");
    }

    @Test
    void signatureChangesWithEveryByteOfTheBody() {
        assertThat(WebhookClient.sign("app_secret_123", "{\"object\":\"whatsapp_business_account\",\"entry\":[]} "))
                .isNotEqualTo("sha256=02fe0c96d28c59ddb7cf81eff0ca05809b360ba73b63c28210b5906a0a107d1f");
    }
}
