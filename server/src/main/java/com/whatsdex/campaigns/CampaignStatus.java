package com.whatsdex.campaigns;

/**
 * A campaign's lifecycle: {@code draft → scheduled → running ⇄ paused → completed | cancelled}, {@code failed} when
 * it cannot proceed. "Retry failed" takes a completed, paused or failed campaign back to {@code running}.
 */
public enum CampaignStatus {
    draft,
    scheduled,
    running,
    paused,
    completed,
    cancelled,
    failed;

    /** Whether the graph has an edge from this status to {@code next}. */
    public boolean canMoveTo(CampaignStatus next) {
        return switch (this) {
            case draft -> next == scheduled || next == running;
            case scheduled -> next == running || next == cancelled || next == failed;
            case running -> next == paused || next == completed || next == cancelled || next == failed;
            case paused -> next == running || next == cancelled || next == failed;
            case completed, failed -> next == running;
            case cancelled -> false;
        };
    }

    /** Name, message, audience, channels, schedule and pacing may change only before the campaign runs. */
    public boolean editable() {
        return this == draft || this == scheduled;
    }

    /** Whether the campaign may still send (a dispatcher may be due for it). */
    public boolean active() {
        return this == scheduled || this == running;
    }
}
