package com.whatsdex.campaigns;

import java.time.Instant;

/**
 * The time campaigns schedule by (scheduled starts, send windows). A bean of its own so that a test can move
 * campaign time without moving the rest of the application's.
 */
@FunctionalInterface
public interface CampaignClock {

    Instant now();
}
