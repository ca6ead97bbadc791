-- Contact imports. The uploaded file is kept in the database (chunks of up to 1 MiB) so that whichever instance
-- runs the import job can read it; it is deleted when the import ends. Valid rows are merged in batches through a
-- session-private temporary table (COPY into a table with row-level security is not allowed, and a temporary table
-- is visible to its own connection only), so the application role needs TEMPORARY on the database.
create table contact_imports (
    tenant_id        uuid        not null references workspaces (id) on delete cascade,
    id               uuid        not null,
    created_by       uuid,
    filename         text        not null check (length(filename) <= 255),
    size_bytes       bigint      not null default 0,
    status           text        not null check (status in ('uploading', 'queued', 'running', 'completed', 'failed',
                                 'cancelled')),
    encoding         text,
    delimiter        text,
    headers          text[],
    default_country  text        not null check (default_country ~ '^[A-Z]{2}$'),
    on_existing      text        not null check (on_existing in ('update', 'skip')),
    tags             text[]      not null default '{}',
    -- the user's mapping (JSON array of {index, target, attributeKey}); null = proposed from the headers
    mapping          jsonb,
    rows_total       bigint      not null default 0,
    bytes_processed  bigint      not null default 0,
    created          bigint      not null default 0,
    updated          bigint      not null default 0,
    skipped          bigint      not null default 0,
    rejected         bigint      not null default 0,
    -- records of the file (header included) already merged: a restarted job resumes after them
    checkpoint_records bigint    not null default 0,
    cancel_requested boolean     not null default false,
    error            text,
    undone_at        timestamptz,
    undone_count     bigint,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    primary key (tenant_id, id)
);
create index contact_imports_created_idx on contact_imports (tenant_id, created_at desc, id desc);
alter table contact_imports enable row level security;
alter table contact_imports force row level security;
create policy tenant_isolation on contact_imports
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

create table contact_import_chunks (
    tenant_id  uuid    not null,
    import_id  uuid    not null,
    seq        integer not null,
    data       bytea   not null,
    primary key (tenant_id, import_id, seq),
    foreign key (tenant_id, import_id) references contact_imports (tenant_id, id) on delete cascade
);
-- CSV compresses well but compressing on write and decompressing on read costs more CPU than the I/O it saves here
alter table contact_import_chunks alter column data set storage external;
alter table contact_import_chunks enable row level security;
alter table contact_import_chunks force row level security;
create policy tenant_isolation on contact_import_chunks
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Rows that could not be imported: the original cells and why.
create table contact_import_rejects (
    tenant_id  uuid    not null,
    import_id  uuid    not null,
    row_number bigint  not null,
    cells      text[]  not null,
    error      text    not null,
    primary key (tenant_id, import_id, row_number),
    foreign key (tenant_id, import_id) references contact_imports (tenant_id, id) on delete cascade
);
alter table contact_import_rejects enable row level security;
alter table contact_import_rejects force row level security;
create policy tenant_isolation on contact_import_rejects
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- The import that created a contact (undo removes exactly those); updates by later imports do not change it.
alter table contacts add column import_id uuid;
create index contacts_import_idx on contacts (tenant_id, import_id) where import_id is not null;

-- the merge's staging table is temporary (see above); the schema owner owns the database and may grant this
do $$
begin
    execute format('grant temporary on database %I to %I', current_database(), '${appRole}');
end $$;
