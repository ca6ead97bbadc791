package com.whatsdex.campaigns;

import static com.whatsdex.campaigns.CampaignStatus.cancelled;
import static com.whatsdex.campaigns.CampaignStatus.completed;
import static com.whatsdex.campaigns.CampaignStatus.draft;
import static com.whatsdex.campaigns.CampaignStatus.failed;
import static com.whatsdex.campaigns.CampaignStatus.paused;
import static com.whatsdex.campaigns.CampaignStatus.running;
import static com.whatsdex.campaigns.CampaignStatus.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignStatusTests {

    private static Set<CampaignStatus> targets(CampaignStatus from) {
        Set<CampaignStatus> to = EnumSet.noneOf(CampaignStatus.class);
        for (CampaignStatus s : CampaignStatus.values()) {
            if (from.canMoveTo(s)) {
                to.add(s);
            }
        }
        return to;
    }

    @Test
    void followsTheDomainGraphAndNothingElse() {
        assertThat(targets(draft)).containsExactlyInAnyOrder(scheduled, running);
        assertThat(targets(scheduled)).containsExactlyInAnyOrder(running, cancelled, failed);
        assertThat(targets(running)).containsExactlyInAnyOrder(paused, completed, cancelled, failed);
        assertThat(targets(paused)).containsExactlyInAnyOrder(running, cancelled, failed);
        assertThat(targets(completed)).as("retry failed").containsExactly(running);
        assertThat(targets(failed)).as("retry failed").containsExactly(running);
        assertThat(targets(cancelled)).isEmpty();
    }

    @Test
    void neverMovesToItselfNorBackToDraft() {
        for (CampaignStatus s : CampaignStatus.values()) {
            assertThat(s.canMoveTo(s)).as("%s to itself", s).isFalse();
            assertThat(s.canMoveTo(draft)).as("%s to draft", s).isFalse();
        }
    }

    @Test
    void onlyDraftAndScheduledAreEditableAndOnlyScheduledAndRunningAreActive() {
        assertThat(EnumSet.allOf(CampaignStatus.class).stream().filter(CampaignStatus::editable))
                .containsExactlyInAnyOrder(draft, scheduled);
        assertThat(EnumSet.allOf(CampaignStatus.class).stream().filter(CampaignStatus::active))
                .containsExactlyInAnyOrder(scheduled, running);
    }
}
