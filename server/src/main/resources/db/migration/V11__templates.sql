-- Message templates: a body with {{variables}} and {a|b} spintax, optional media by URL, and optionally the Meta
-- template (name + language + one body expression per {{n}} parameter) that Cloud API sends use outside the
-- 24-hour window. A few hundred per workspace at most, so lists are plain keyset scans by id.
create table templates (
    tenant_id        uuid        not null references workspaces (id) on delete cascade,
    id               uuid        not null,
    name             text        not null check (length(name) between 1 and 100),
    category         text        not null check (category in ('marketing', 'utility', 'authentication')),
    body             text        not null check (length(body) between 1 and 4096),
    media_kind       text        check (media_kind in ('image', 'video', 'document')),
    media_url        text        check (length(media_url) <= 2000),
    meta_name        text        check (length(meta_name) <= 512),
    meta_language    text        check (length(meta_language) <= 15),
    meta_parameters  jsonb       not null default '[]',
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, id),
    check ((media_kind is null) = (media_url is null)),
    check ((meta_name is null) = (meta_language is null))
);
create unique index templates_name_key on templates (tenant_id, lower(name));
alter table templates enable row level security;
alter table templates force row level security;
create policy tenant_isolation on templates
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
