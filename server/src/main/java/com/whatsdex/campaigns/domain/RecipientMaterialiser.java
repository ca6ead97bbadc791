package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignView;
import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.shared.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Snapshots a campaign's audience into its recipient rows when it starts: later contact changes do not shift who
 * gets what. Keyset batches from contacts, one set-based insert per batch.
 */
@Component
class RecipientMaterialiser {

    static final int MATERIALISE_BATCH = 1000;

    private final CampaignRepository campaigns;
    private final RecipientRepository recipients;
    private final ContactsApi contacts;
    private final ContactBatchApi contactBatches;

    RecipientMaterialiser(
            CampaignRepository campaigns,
            RecipientRepository recipients,
            ContactsApi contacts,
            ContactBatchApi contactBatches) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.contacts = contacts;
        this.contactBatches = contactBatches;
    }

    /**
     * Call inside a transaction: the rows and the mark commit together, so a crash leaves either none or all.
     *
     * @return false when the campaign is gone or already materialised
     */
    boolean materialise(UUID campaignId) {
        {
            CampaignRecord c = campaigns.lock(campaignId).orElse(null);
            if (c == null || c.materialised()) {
                return false;
            }
            CampaignView.Audience audience = c.audience();
            if (audience.kind() == CampaignView.AudienceKind.contacts) {
                List<UUID> ids = audience.contactIds();
                for (int from = 0; from < ids.size(); from += MATERIALISE_BATCH) {
                    List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + MATERIALISE_BATCH));
                    Map<UUID, ContactRef> found = contactBatches.getAll(chunk);
                    List<RecipientRepository.NewRecipient> batch = new ArrayList<>();
                    for (UUID id : chunk) {
                        ContactRef ref = found.get(id);
                        if (ref != null) {
                            batch.add(new RecipientRepository.NewRecipient(
                                    Ids.newId(), ref.id(), ref.phone(), ref.optedOut()));
                        }
                    }
                    recipients.insertAll(campaignId, batch);
                }
            } else {
                UUID audienceId = audience.kind() == CampaignView.AudienceKind.audience ? audience.audienceId() : null;
                UUID after = null;
                while (true) {
                    List<ContactRef> page = audience.kind() == CampaignView.AudienceKind.tags
                            ? contacts.taggedBatch(
                                    audience.tags(),
                                    audience.tagMatch() == CampaignView.TagMatch.all,
                                    after,
                                    MATERIALISE_BATCH)
                            : contacts.audienceBatch(audienceId, after, MATERIALISE_BATCH);
                    if (page.isEmpty()) {
                        break;
                    }
                    recipients.insertAll(
                            campaignId,
                            page.stream()
                                    .map(ref -> new RecipientRepository.NewRecipient(
                                            Ids.newId(), ref.id(), ref.phone(), ref.optedOut()))
                                    .toList());
                    after = page.getLast().id();
                    if (page.size() < MATERIALISE_BATCH) {
                        break;
                    }
                }
            }
            campaigns.markMaterialised(campaignId, recipients.count(campaignId));
            return true;
        }
    }
}
