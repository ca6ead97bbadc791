package com.whatsdex.agents;

import java.time.Instant;

/**
 * The time agents judge conversations and hand-overs by: what counts as the recent conversation, and whether a
 * person's pause is over. A bean of its own so that a test can move agent time without moving the application's.
 */
@FunctionalInterface
public interface AgentClock {

    Instant now();
}
