package com.whatsdex.channels.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Graph request bodies CloudApiSender writes itself read back as the same JSON Jackson would write. */
class CloudApiSenderJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTemplateBodyWithAwkwardTextIsTheJsonJacksonWouldWrite() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("to", "2348011112222");
        body.put("type", "template");
        body.put(
                "template",
                Map.of(
                        "name",
                        "black_friday",
                        "language",
                        Map.of("code", "en_US"),
                        "components",
                        List.of(Map.of(
                                "type",
                                "body",
                                "parameters",
                                List.of(
                                        Map.of("type", "text", "text", "Ada \"the\" \\ first\nline\ttab"),
                                        Map.of("type", "text", "text", "Ọlá 🎉 \u0001 </script>"))))));
        body.put("preview_url", false);
        body.put("attempt", 2);

        byte[] written = CloudApiSender.write(body);

        assertThat(json.readTree(written)).isEqualTo(json.valueToTree(body));
        assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\"messaging_product\":\"whatsapp\",\"to\":\"2348011112222\"")
                .contains("\\\"the\\\" \\\\ first\\nline\\ttab");
    }
}
