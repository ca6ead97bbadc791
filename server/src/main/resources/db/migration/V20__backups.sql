-- Google Drive backups: the workspace's link to Drive, its schedule and retention, and the history of backups.

-- The linked Google account: the refresh token sealed by SecretBox (bound to the workspace), never returned.
create table drive_links (
    tenant_id     uuid        primary key references workspaces (id) on delete cascade,
    refresh_token text        not null,
    email         text,
    -- the "WhatsDeX Backups" folder this app created, once known
    folder_id     text,
    linked_by     uuid,
    linked_at     timestamptz not null default now()
);
alter table drive_links enable row level security;
alter table drive_links force row level security;
create policy tenant_isolation on drive_links
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- When backups run by themselves (in the workspace's time zone) and how many Drive keeps.
create table backup_settings (
    tenant_id  uuid        primary key references workspaces (id) on delete cascade,
    schedule   text        not null default 'off' check (schedule in ('off', 'daily', 'weekly')),
    hour       int         not null default 3 check (hour between 0 and 23),
    -- ISO day of week for weekly backups: 1 = Monday … 7 = Sunday
    weekday    int         not null default 7 check (weekday between 1 and 7),
    retention  int         not null default 7 check (retention between 1 and 100),
    -- the scheduled slot the last scheduled backup was started for, so a slot runs once however many sweeps see it
    last_slot  timestamptz,
    updated_at timestamptz not null default now()
);
alter table backup_settings enable row level security;
alter table backup_settings force row level security;
create policy tenant_isolation on backup_settings
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Every backup and restore, newest first by id (UUIDv7).
create table backups (
    tenant_id     uuid        not null references workspaces (id) on delete cascade,
    id            uuid        not null,
    kind          text        not null default 'backup' check (kind in ('backup', 'restore')),
    trigger       text        not null check (trigger in ('manual', 'scheduled', 'upload')),
    status        text        not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
    -- what went wrong, in a sentence for the dashboard; error_code for the reconnect action (drive_revoked …)
    error         text        check (length(error) <= 1000),
    error_code    text,
    file_name     text,
    drive_file_id text,
    drive_link    text,
    -- a restore: the backup it restores (a row of the workspace the backup was listed in) or the uploaded archive
    source_id     uuid,
    size_bytes    bigint,
    counts        jsonb       not null default '{}',
    -- removed from Drive by retention (or by hand): listed, not restorable
    deleted_from_drive boolean not null default false,
    created_at    timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    primary key (tenant_id, id)
);
-- one backup or restore at a time per workspace
create unique index backups_active_key on backups (tenant_id) where status in ('queued', 'running');
alter table backups enable row level security;
alter table backups force row level security;
create policy tenant_isolation on backups
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- An uploaded archive waiting to be restored, in 1 MiB chunks (any instance can run the restore).
create table backup_uploads (
    tenant_id uuid   not null references workspaces (id) on delete cascade,
    upload_id uuid   not null,
    seq       int    not null,
    data      bytea  not null,
    primary key (tenant_id, upload_id, seq)
);
alter table backup_uploads enable row level security;
alter table backup_uploads force row level security;
create policy tenant_isolation on backup_uploads
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Platform table: when each workspace's next scheduled backup is due (ids and a time only), for the sweep that runs
-- without a workspace. Written with the schedule, moved on by each scheduled run.
create table backup_schedule_due (
    tenant_id uuid        primary key references workspaces (id) on delete cascade,
    due_at    timestamptz not null
);
create index backup_schedule_due_idx on backup_schedule_due (due_at);
