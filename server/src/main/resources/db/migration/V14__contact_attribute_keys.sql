-- The custom attribute keys a workspace uses, for the template editor's variable helper. Kept by statement-level
-- triggers on contacts (so the API, imports and any later path add keys without knowing about it), one insert per
-- statement; listing them never scans contacts. Keys are not removed when the last contact using one goes: the list
-- is a set of suggestions, and a stale one renders as its default.
create table contact_attribute_keys (
    tenant_id uuid not null references workspaces (id) on delete cascade,
    key       text not null check (length(key) between 1 and 64),
    primary key (tenant_id, key)
);
alter table contact_attribute_keys enable row level security;
alter table contact_attribute_keys force row level security;
create policy tenant_isolation on contact_attribute_keys
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

create function contacts_attribute_keys_added() returns trigger language plpgsql as $$
begin
    insert into contact_attribute_keys (tenant_id, key)
    select distinct c.tenant_id, k.key
    from changed c, jsonb_object_keys(c.attributes) as k(key)
    where length(k.key) between 1 and 64
    on conflict do nothing;
    return null;
end $$;

create trigger contacts_attribute_keys_insert after insert on contacts
    referencing new table as changed for each statement execute function contacts_attribute_keys_added();
-- updates: per row and only when attributes change (a statement trigger with a transition table cannot name
-- columns, and would run on every interaction update of the messaging path)
create function contacts_attribute_keys_changed() returns trigger language plpgsql as $$
begin
    insert into contact_attribute_keys (tenant_id, key)
    select new.tenant_id, k.key from jsonb_object_keys(new.attributes) as k(key)
    where length(k.key) between 1 and 64
    on conflict do nothing;
    return null;
end $$;

create trigger contacts_attribute_keys_update after update of attributes on contacts
    for each row when (old.attributes is distinct from new.attributes)
    execute function contacts_attribute_keys_changed();

-- the keys of contacts that exist already (the owner is subject to FORCE ROW LEVEL SECURITY; lift it meanwhile)
alter table contacts no force row level security;
alter table contact_attribute_keys no force row level security;
insert into contact_attribute_keys (tenant_id, key)
select distinct c.tenant_id, k.key from contacts c, jsonb_object_keys(c.attributes) as k(key)
where length(k.key) between 1 and 64
on conflict do nothing;
alter table contacts force row level security;
alter table contact_attribute_keys force row level security;
