package com.whatsdex.campaigns.domain;

import com.whatsdex.templates.TemplateUsage;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Tells templates that a campaign which may still send uses a template, so it is not deleted under it. */
@Component
class CampaignTemplateUsage implements TemplateUsage {

    private final CampaignRepository campaigns;
    private final TransactionTemplate tx;

    CampaignTemplateUsage(CampaignRepository campaigns, PlatformTransactionManager txManager) {
        this.campaigns = campaigns;
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public @Nullable String inUse(UUID templateId) {
        List<String> names = tx.execute(s -> campaigns.activeUsing(templateId));
        return names == null || names.isEmpty()
                ? null
                : "The template is used by campaign(s) that may still send (" + String.join(", ", names)
                        + "); cancel them or wait until they finish";
    }
}
