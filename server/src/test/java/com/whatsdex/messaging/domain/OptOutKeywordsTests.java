package com.whatsdex.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutKeywordsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "STOP",
                "stop",
                " Stop ",
                "STOP!",
                "¡stop!",
                "...Unsubscribe.",
                "StopAll",
                "cancel",
                "END",
                "quit?",
                "\"stop\""
            })
    void wholeMessageKeywordsOptOut(String text) {
        assertThat(OptOutKeywords.decision(text)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", " Unstop! "})
    void startAndUnstopOptBackIn(String text) {
        assertThat(OptOutKeywords.decision(text)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "please stop sending",
                "stop it",
                "don't stop",
                "stopped",
                "STOP STOP",
                "",
                "  ",
                "!!!",
                "nonstop"
            })
    void sentencesThatMerelyContainAKeywordDoNothing(String text) {
        assertThat(OptOutKeywords.decision(text)).isEmpty();
    }

    @Test
    void noTextDoesNothing() {
        assertThat(OptOutKeywords.decision(null)).isEmpty();
    }
}
