-- Tenancy: workspaces, users, members, sessions, API keys.
-- Convention for every tenant-owned table: tenant_id uuid not null leading the primary key, ENABLE + FORCE row
-- level security, a policy comparing tenant_id with the transaction-local setting app.tenant_id (fails closed).

create function current_tenant_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create function current_app_user_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

grant usage on schema public to ${appRole};
grant execute on function current_tenant_id() to ${appRole};
grant execute on function current_app_user_id() to ${appRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole};
alter default privileges in schema public grant usage, select on sequences to ${appRole};

-- A workspace is the tenant itself: its id is the tenant id.
create table workspaces (
    id              uuid primary key,
    name            text        not null check (length(name) between 1 and 120),
    plan            text        check (plan in ('starter', 'pro', 'enterprise')), -- set by the operator; null = trial/starter
    trial_plan      text        not null default 'pro' check (trial_plan in ('starter', 'pro', 'enterprise')),
    trial_ends_at   timestamptz,
    time_zone       text        not null default 'UTC',
    default_country text        not null default 'US' check (default_country ~ '^[A-Z]{2}$'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
alter table workspaces enable row level security;
alter table workspaces force row level security;
create policy tenant_isolation on workspaces
    using (id = current_tenant_id()) with check (id = current_tenant_id());

-- Sign-in identities. Platform table: holds no workspace data; membership (below) is tenant-owned.
create table users (
    id            uuid primary key,
    email         text        not null,
    password_hash text        not null,
    name          text        not null,
    created_at    timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table members (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    user_id    uuid        not null references users (id) on delete cascade,
    role       text        not null check (role in ('owner', 'admin', 'agent')),
    created_at timestamptz not null default now(),
    primary key (tenant_id, user_id)
);
-- one workspace per user for now: sign-in picks the workspace from the membership
create unique index members_user_key on members (user_id);
alter table members enable row level security;
alter table members force row level security;
-- a signed-in user may read its own membership (sign-in needs it before the workspace is known)
create policy member_read on members for select
    using (tenant_id = current_tenant_id() or user_id = current_app_user_id());
create policy member_insert on members for insert with check (tenant_id = current_tenant_id());
create policy member_update on members for update
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
create policy member_delete on members for delete using (tenant_id = current_tenant_id());

-- Browser sessions: platform table, looked up by the hash of the cookie's token before any workspace is known.
create table auth_sessions (
    token_hash   bytea primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    tenant_id    uuid        not null references workspaces (id) on delete cascade,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at   timestamptz not null
);
create index auth_sessions_user_idx on auth_sessions (user_id);
create index auth_sessions_expires_idx on auth_sessions (expires_at);

-- Failed sign-ins, shared by every instance, for throttling.
create table login_failures (
    subject   text        not null,
    failed_at timestamptz not null default now()
);
create index login_failures_subject_idx on login_failures (subject, failed_at);

-- API keys: the key embeds its workspace id, so the lookup runs under that workspace's RLS.
create table api_keys (
    tenant_id    uuid        not null references workspaces (id) on delete cascade,
    id           uuid        not null,
    name         text        not null check (length(name) between 1 and 100),
    prefix       text        not null,
    key_hash     bytea       not null unique,
    created_by   uuid        references users (id) on delete set null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    primary key (tenant_id, id)
);
alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy tenant_isolation on api_keys
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
