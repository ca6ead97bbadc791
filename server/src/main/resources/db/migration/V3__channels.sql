-- Channels: the workspace's WhatsApp numbers. Tenant-owned, with the V1 conventions (tenant_id leading the primary
-- key, forced row-level security, one policy on app.tenant_id).

create table channels (
    tenant_id            uuid        not null references workspaces (id) on delete cascade,
    id                   uuid        not null,
    name                 text        not null check (length(name) between 1 and 100),
    provider             text        not null check (provider in ('whatsapp_cloud', 'sandbox')),
    status               text        not null default 'disconnected'
                                     check (status in ('connected', 'disconnected', 'error')),
    status_reason        text,
    phone_number_id      text        not null,
    waba_id              text,
    display_phone_number text,
    graph_base_url       text        not null default 'https://graph.facebook.com/v21.0',
    -- sealed by SecretBox (v1:...), bound to channel:<tenant>:<channel>:<field>
    access_token         text,
    app_secret           text,
    verify_token         text        not null,
    -- messages per second; 80 is Meta's default per-number throughput
    rate_per_second      integer     not null default 80 check (rate_per_second between 1 and 1000),
    settings             jsonb       not null default '{}',
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, phone_number_id)
);
alter table channels enable row level security;
alter table channels force row level security;
create policy tenant_isolation on channels
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Platform table: which workspace a channel belongs to, for the webhook endpoint (no session, so no workspace yet)
-- and the start-up sweep. Holds no secrets and no workspace data beyond the two ids; written with the channel and
-- removed with it (the foreign key cascades).
create table channel_routes (
    channel_id uuid primary key,
    tenant_id  uuid not null,
    foreign key (tenant_id, channel_id) references channels (tenant_id, id) on delete cascade
);
create index channel_routes_tenant_idx on channel_routes (tenant_id);
