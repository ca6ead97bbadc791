-- Real-time usage counters: one row per workspace x period x metric, incremented in the same transaction as the
-- work it counts. Monthly metrics use the period 'YYYY-MM' in the workspace's time zone, so a new month is a new
-- row and nothing needs resetting; running totals use the period 'total'.
create table usage_counters (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    period     text        not null check (period = 'total' or period ~ '^\d{4}-\d{2}$'),
    metric     text        not null,
    value      bigint      not null default 0 check (value >= 0),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, period, metric)
);
alter table usage_counters enable row level security;
alter table usage_counters force row level security;
create policy tenant_isolation on usage_counters
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
