package com.whatsdex.inbox;

import java.time.Instant;

/**
 * The time the inbox judges WhatsApp's 24-hour service window by. A bean of its own so that a test can move inbox
 * time without moving the rest of the application's.
 */
@FunctionalInterface
public interface InboxClock {

    Instant now();
}
