package com.whatsdex.agents.domain;

import com.whatsdex.jobs.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How agents answer.
 *
 * @param historyMessages the most messages of the conversation sent to the model as context
 * @param conversationGap messages older than this are a past conversation: not sent as history (facts are)
 * @param maxFactsPerContact facts kept per contact; when full, remembering another is refused until the model (or
 *     a person) updates or forgets one
 * @param maxToolRounds tool-call rounds per answer before the agent gives up on that message
 * @param maxAttempts provider calls per message before the conversation is handed to a person
 * @param initialBackoff wait after the first failed provider call, doubled per failure
 * @param maxBackoff the longest wait between two provider calls
 */
@ConfigurationProperties("whatsdex.agents")
public record AgentProperties(
        @DefaultValue("20") int historyMessages,
        @DefaultValue("24h") Duration conversationGap,
        @DefaultValue("50") int maxFactsPerContact,
        @DefaultValue("4") int maxToolRounds,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("1m") Duration maxBackoff) {

    public AgentProperties {
        if (historyMessages < 1 || maxFactsPerContact < 1 || maxToolRounds < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("whatsdex.agents counts must be at least 1");
        }
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
    }
}
