-- The per-channel send pacer shared by every server instance: the next free send slot of each channel.
-- A sender reserves n slots by moving next_at forward n/rate seconds and waits until its first slot.
create table channel_send_slots (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    channel_id uuid        not null,
    next_at    timestamptz not null,
    primary key (tenant_id, channel_id)
);
alter table channel_send_slots enable row level security;
alter table channel_send_slots force row level security;
create policy tenant_isolation on channel_send_slots
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
