-- Contacts search, sorting and the plan limit's counter; audiences (saved filters).
--
-- Why no pg_trgm: the embedded PostgreSQL ships it, but under row-level security the planner may use a condition as
-- an index condition only when its operator is LEAKPROOF (otherwise it must run after the tenant policy), and only
-- plain comparisons are (=, <, >=, ~>=~ ...). LIKE/ILIKE, the trigram operators, lower() and && are not, so a trigram
-- GIN index is never used for the application role: measured at 1,000,000 contacts, `name ilike '%x%'` was a 1.2 s
-- sequential scan. Searching therefore matches prefixes with range comparisons on stored, lower-cased columns
-- (the search runs on plain column values, so the comparisons qualify as index conditions): the start of the name,
-- of its last word, of the email, of the E.164 phone. Each such range is an index range scan, measured < 1 ms.

-- Lower-cased keys, computed by PostgreSQL on every write (also for imports and webhooks, which never name them).
-- Collation "C" so that prefix ranges and ORDER BY work on one plain btree index, whatever the database's locale.
alter table contacts
    -- the list's "name" order and name-prefix search: a contact without a name sorts by its email or phone,
    -- which is what the dashboard shows in its place
    add column sort_name text collate "C" generated always as (lower(coalesce(name, email, phone))) stored,
    -- "Ibekwe" finds "Kelechi Ibekwe"
    add column name_word_key text collate "C" generated always as (lower(substring(name from '\s(\S+)\s*$'))) stored,
    add column email_key text collate "C" generated always as (lower(email)) stored,
    -- "last interaction" order puts contacts never talked to last, as one indexable key
    add column interaction_key timestamptz generated always as (coalesce(last_interaction_at, '-infinity')) stored;

-- default order: newest first; keyset (created_at, id)
create index contacts_created_idx on contacts (tenant_id, created_at desc, id desc);
create index contacts_sort_name_idx on contacts (tenant_id, sort_name, id);
create index contacts_name_word_idx on contacts (tenant_id, name_word_key) where name_word_key is not null;
create index contacts_email_idx on contacts (tenant_id, email_key) where email_key is not null;
-- phone prefixes with the (leakproof) pattern comparison operators ~>=~ and ~<~
create index contacts_phone_prefix_idx on contacts (tenant_id, phone text_pattern_ops);
create index contacts_interaction_idx on contacts (tenant_id, interaction_key desc, id desc);
-- superseded by contacts_interaction_idx
drop index contacts_last_interaction_idx;

-- How many contacts a workspace holds, kept by statement-level triggers so that every path that adds or removes
-- contacts (the API, imports, webhooks) counts without knowing about it, and a bulk insert costs one update.
-- The plan limit is checked against it in O(1) instead of counting up to millions of rows.
create table contact_counts (
    tenant_id uuid   not null references workspaces (id) on delete cascade,
    total     bigint not null default 0 check (total >= 0),
    primary key (tenant_id)
);
alter table contact_counts enable row level security;
create policy tenant_isolation on contact_counts
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- the owner is subject to FORCE ROW LEVEL SECURITY; lift it for the backfill only
alter table contacts no force row level security;
insert into contact_counts (tenant_id, total) select tenant_id, count(*) from contacts group by tenant_id;
alter table contacts force row level security;
alter table contact_counts force row level security;

create function contacts_count_inserted() returns trigger language plpgsql as $$
begin
    insert into contact_counts (tenant_id, total)
    select tenant_id, count(*) from inserted group by tenant_id
    on conflict (tenant_id) do update set total = contact_counts.total + excluded.total;
    return null;
end $$;

create function contacts_count_deleted() returns trigger language plpgsql as $$
begin
    update contact_counts c set total = greatest(c.total - d.n, 0)
    from (select tenant_id, count(*) as n from deleted group by tenant_id) d
    where c.tenant_id = d.tenant_id;
    return null;
end $$;

create trigger contacts_count_insert after insert on contacts
    referencing new table as inserted for each statement execute function contacts_count_inserted();
create trigger contacts_count_delete after delete on contacts
    referencing old table as deleted for each statement execute function contacts_count_deleted();

-- Saved filters. The count is computed live, never stored.
create table audiences (
    tenant_id      uuid        not null references workspaces (id) on delete cascade,
    id             uuid        not null,
    name           text        not null check (length(name) between 1 and 100),
    tags           text[]      not null default '{}',
    match          text        not null default 'any' check (match in ('any', 'all')),
    opted_in_only  boolean     not null default true,
    search         text        check (length(search) <= 100),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id)
);
create unique index audiences_name_key on audiences (tenant_id, lower(name));
alter table audiences enable row level security;
alter table audiences force row level security;
create policy tenant_isolation on audiences
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
