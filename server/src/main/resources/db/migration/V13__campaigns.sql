-- Campaigns: a broadcast of one message (a template or a free body) to a materialised snapshot of contacts,
-- through one channel or a pool, paced, optionally inside a send window. The recipient rows are the dispatcher's
-- queue: it walks them in id order, so a crash resumes where it stopped.
create table campaigns (
    tenant_id          uuid        not null references workspaces (id) on delete cascade,
    id                 uuid        not null,
    name               text        not null check (length(name) between 1 and 200),
    status             text        not null check (status in ('draft', 'scheduled', 'running', 'paused', 'completed',
                                                              'cancelled', 'failed')),
    status_reason      text        check (length(status_reason) <= 500),
    template_id        uuid,
    body               text        check (length(body) between 1 and 4096),
    audience           jsonb       not null,
    channel_ids        uuid[]      not null check (cardinality(channel_ids) between 1 and 100),
    scheduled_at       timestamptz,
    pacing             jsonb       not null default '{}',
    failure_threshold  int         check (failure_threshold between 1 and 100),
    total              int         not null default 0,
    materialised       boolean     not null default false,
    -- round-robin position over the pool and sends since the last batch pause, checkpointed per batch
    channel_cursor     int         not null default 0,
    sends_since_pause  int         not null default 0,
    -- late failures (failed status webhooks) of messages whose recipients "retry failed" sent again
    retried_late_failures int      not null default 0,
    next_send_at       timestamptz,
    started_at         timestamptz,
    finished_at        timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    primary key (tenant_id, id),
    check ((template_id is null) <> (body is null))
);
create index campaigns_template_idx on campaigns (tenant_id, template_id) where template_id is not null;
alter table campaigns enable row level security;
alter table campaigns force row level security;
create policy tenant_isolation on campaigns
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- One row per contact the campaign goes to. status is the dispatch outcome: 'sent' means the provider accepted
-- the message (message_id); delivery, read and late failure are read from that message.
create table campaign_recipients (
    tenant_id    uuid        not null,
    campaign_id  uuid        not null,
    id           uuid        not null,
    contact_id   uuid        not null,
    phone        text        not null,
    status       text        not null check (status in ('pending', 'sending', 'sent', 'failed', 'skipped',
                                                        'unknown')),
    reason       text        check (length(reason) <= 500),
    attempt      int         not null default 1,
    channel_id   uuid,
    message_id   uuid,
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, campaign_id, id),
    foreign key (tenant_id, campaign_id) references campaigns (tenant_id, id) on delete cascade
);
create index campaign_recipients_status_idx on campaign_recipients (tenant_id, campaign_id, status, id);
-- duplicate phones within one campaign are skipped while materialising
create index campaign_recipients_phone_idx on campaign_recipients (tenant_id, campaign_id, phone);
alter table campaign_recipients enable row level security;
alter table campaign_recipients force row level security;
create policy tenant_isolation on campaign_recipients
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Platform table, like channel_routes: which campaigns are scheduled or running, so the once-a-second watcher
-- (progress events, a dispatcher for every running campaign) finds them without a workspace. Ids only.
create table campaign_runs (
    campaign_id  uuid primary key,
    tenant_id    uuid not null,
    foreign key (tenant_id, campaign_id) references campaigns (tenant_id, id) on delete cascade
);
