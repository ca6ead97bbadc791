-- Analytics rollups: message counts per workspace x local day x channel, and per local month.
--
-- How they stay right: statement-level triggers on messages append one mark per (workspace, local day) that a
-- statement touched (an insert, or any update such as a status webhook) to stats_pending, without reading or
-- locking anything shared: an append, never an upsert, so concurrent senders never wait for each other. The
-- analytics job takes a workspace's marks (deleting them) and recounts those days from messages in the same
-- transaction: a day's messages are one range of the primary key, because message ids are UUIDv7 (time order).
-- Recounting is idempotent; a late status webhook marks its message's (past) day again, which is recounted. A mark
-- committed after the job took the others stays for the next run. Months are summed from their days.

create table stats_daily (
    tenant_id      uuid        not null references workspaces (id) on delete cascade,
    day            date        not null,
    channel_id     uuid        not null,
    -- outbound messages the provider accepted (they have a wamid), whatever happened next
    sent           bigint      not null default 0,
    delivered      bigint      not null default 0,
    read           bigint      not null default 0,
    -- outbound messages that failed, before or after the provider accepted them
    failed         bigint      not null default 0,
    received       bigint      not null default 0,
    agent_replies  bigint      not null default 0,
    campaign_sends bigint      not null default 0,
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, day, channel_id)
);
alter table stats_daily enable row level security;
alter table stats_daily force row level security;
create policy tenant_isolation on stats_daily
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

create table stats_monthly (
    tenant_id      uuid        not null references workspaces (id) on delete cascade,
    -- the first day of the month
    month          date        not null check (extract(day from month) = 1),
    channel_id     uuid        not null,
    sent           bigint      not null default 0,
    delivered      bigint      not null default 0,
    read           bigint      not null default 0,
    failed         bigint      not null default 0,
    received       bigint      not null default 0,
    agent_replies  bigint      not null default 0,
    campaign_sends bigint      not null default 0,
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, month, channel_id)
);
alter table stats_monthly enable row level security;
alter table stats_monthly force row level security;
create policy tenant_isolation on stats_monthly
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Days to recount. A platform table of ids and dates (like channel_routes): the sweep must find the workspaces with
-- work across all of them, and a row holds nothing of a workspace but its id.
create table stats_pending (
    seq       bigint generated always as identity primary key,
    tenant_id uuid not null,
    day       date not null
);
create index stats_pending_tenant_idx on stats_pending (tenant_id, day);

create function stats_mark_days() returns trigger language plpgsql as $$
begin
    insert into stats_pending (tenant_id, day)
    select distinct m.tenant_id, (uuid_extract_timestamp(m.id) at time zone w.time_zone)::date
    from changed m join workspaces w on w.id = m.tenant_id;
    return null;
end $$;

create trigger messages_stats_inserted after insert on messages
    referencing new table as changed for each statement execute function stats_mark_days();
create trigger messages_stats_updated after update on messages
    referencing new table as changed for each statement execute function stats_mark_days();

-- every day that has messages already (the first run recounts them)
alter table messages no force row level security;
alter table workspaces no force row level security;
insert into stats_pending (tenant_id, day)
select distinct m.tenant_id, (uuid_extract_timestamp(m.id) at time zone w.time_zone)::date
from messages m join workspaces w on w.id = m.tenant_id;
alter table messages force row level security;
alter table workspaces force row level security;
