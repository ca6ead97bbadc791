package com.whatsdex.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventStreamFrameTests {

    private static String frame(String type, String data) {
        return new String(EventStream.frame(type, data), StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsItsNameItsDataAndABlankLine() {
        assertThat(frame("message.received", "{\"type\":\"message.received\",\"name\":\"Adé 👋\"}"))
                .isEqualTo("event:message.received\ndata:{\"type\":\"message.received\",\"name\":\"Adé 👋\"}\n\n");
    }

    @Test
    void dataOnSeveralLinesIsOneDataFieldPerLine() {
        // EventSource joins data fields with a newline: the client reads back what was published
        assertThat(frame("x", "first\nsecond\r\nthird")).isEqualTo("event:x\ndata:first\ndata:second\ndata:third\n\n");
    }
}
