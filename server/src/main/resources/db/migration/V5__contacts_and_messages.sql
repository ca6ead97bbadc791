-- Contacts and messages. Tenant-owned, with the V1 conventions (tenant_id leading the primary key, forced row-level
-- security, one policy on app.tenant_id).

-- The full contact as domain.md describes it, so the contacts feature (list, import, edit) needs no new columns.
create table contacts (
    tenant_id           uuid        not null references workspaces (id) on delete cascade,
    id                  uuid        not null,
    name                text        check (length(name) <= 200),
    -- E.164 with '+': the WhatsApp identity (Meta's wa_id is the same digits without '+')
    phone               text        not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    raw_phone           text,
    email               text        check (length(email) <= 320),
    tags                text[]      not null default '{}',
    attributes          jsonb       not null default '{}',
    opted_out           boolean     not null default false,
    opted_out_at        timestamptz,
    -- the channel of the most recent inbound or outbound message; never moves back in time
    last_channel_id     uuid,
    last_interaction_at timestamptz,
    -- the start of WhatsApp's 24-hour service window
    last_inbound_at     timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    primary key (tenant_id, id)
);
create unique index contacts_phone_key on contacts (tenant_id, phone);
create index contacts_last_interaction_idx on contacts (tenant_id, last_interaction_at desc nulls last);
alter table contacts enable row level security;
alter table contacts force row level security;
create policy tenant_isolation on contacts
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Every message in and out. Sized for tens of millions of rows per workspace: ids are UUIDv7, so id order is time
-- order and every list is a keyset scan of an index ending in id. No foreign keys to contacts or channels on this
-- hot path: deleting a channel must not rewrite its message history, and inserts stay cheap.
create table messages (
    tenant_id            uuid        not null references workspaces (id) on delete cascade,
    id                   uuid        not null,
    channel_id           uuid        not null,
    contact_id           uuid        not null,
    direction            text        not null check (direction in ('in', 'out')),
    wamid                text,
    type                 text        not null check (type in ('text', 'image', 'document', 'audio', 'video',
                                     'sticker', 'location', 'contacts', 'button', 'interactive', 'reaction',
                                     'template', 'order', 'system', 'unsupported')),
    body                 text,
    media_id             text,
    media_mime           text,
    media_sha256         text,
    media_caption        text,
    media_filename       text,
    -- relative to the data dir; set by the media worker once the file is stored
    media_path           text,
    media_size           bigint,
    media_error          text,
    location             jsonb,
    interactive_reply_id    text,
    interactive_reply_title text,
    status               text        not null check (status in ('received', 'queued', 'sending', 'sent',
                                     'delivered', 'read', 'failed')),
    error_code           text,
    error_title          text,
    error_detail         text,
    campaign_id          uuid,
    client_key           text,
    provider_timestamp   timestamptz,
    created_at           timestamptz not null default now(),
    sent_at              timestamptz,
    delivered_at         timestamptz,
    read_at              timestamptz,
    failed_at            timestamptz,
    primary key (tenant_id, id)
);
-- a contact's thread, newest first
create index messages_contact_idx on messages (tenant_id, contact_id, id desc);
-- a channel's message log, newest first
create index messages_channel_idx on messages (tenant_id, channel_id, id desc);
-- dedupe of inbound deliveries and status lookup by Meta's id
create unique index messages_wamid_key on messages (tenant_id, channel_id, wamid) where wamid is not null;
create index messages_campaign_idx on messages (tenant_id, campaign_id, id) where campaign_id is not null;
-- idempotent outbound: a retried send with the same client key finds the first one
create unique index messages_client_key on messages (tenant_id, client_key) where client_key is not null;
alter table messages enable row level security;
alter table messages force row level security;
create policy tenant_isolation on messages
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Statuses whose wamid is not known yet: a fast status webhook can beat the outbound pipeline recording the wamid
-- Meta just returned. Applied (and deleted) when the wamid is recorded.
create table message_status_backlog (
    tenant_id          uuid        not null references workspaces (id) on delete cascade,
    id                 uuid        not null,
    channel_id         uuid        not null,
    wamid              text        not null,
    status             text        not null check (status in ('sent', 'delivered', 'read', 'failed')),
    provider_timestamp timestamptz not null,
    error_code         text,
    error_title        text,
    error_detail       text,
    received_at        timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index message_status_backlog_wamid_idx on message_status_backlog (tenant_id, channel_id, wamid);
-- for a sweep of statuses that never found their message
create index message_status_backlog_received_idx on message_status_backlog (received_at);
alter table message_status_backlog enable row level security;
alter table message_status_backlog force row level security;
create policy tenant_isolation on message_status_backlog
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
