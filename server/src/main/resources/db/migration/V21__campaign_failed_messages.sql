-- The campaign dispatcher checks its failure threshold after every batch, late failures (a failed status webhook)
-- included. Counting them over messages_campaign_idx read every message of the campaign; this index holds the
-- failed campaign messages only, so the count reads just those (and costs nothing for messages that never fail).
create index messages_campaign_failed_idx on messages (tenant_id, campaign_id)
    where status = 'failed' and campaign_id is not null;
