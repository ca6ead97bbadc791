-- Files uploaded for templates (an image, video or document sent with the message). Kept in the database in chunks
-- of up to 1 MiB, so every instance can serve them; WhatsApp fetches them by a public link whose path carries an
-- HMAC of the workspace and file ids (no session, not guessable, not transferable to another file).
create table template_media (
    tenant_id   uuid        not null references workspaces (id) on delete cascade,
    id          uuid        not null,
    kind        text        not null check (kind in ('image', 'video', 'document')),
    filename    text        not null check (length(filename) between 1 and 255),
    mime        text        not null,
    size_bytes  bigint      not null default 0,
    complete    boolean     not null default false,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id)
);
alter table template_media enable row level security;
alter table template_media force row level security;
create policy tenant_isolation on template_media
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

create table template_media_chunks (
    tenant_id uuid    not null,
    media_id  uuid    not null,
    seq       integer not null,
    data      bytea   not null,
    primary key (tenant_id, media_id, seq),
    foreign key (tenant_id, media_id) references template_media (tenant_id, id) on delete cascade
);
-- images and videos are compressed already
alter table template_media_chunks alter column data set storage external;
alter table template_media_chunks enable row level security;
alter table template_media_chunks force row level security;
create policy tenant_isolation on template_media_chunks
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
