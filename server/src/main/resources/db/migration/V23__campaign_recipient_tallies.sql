-- A campaign's recipients by status without counting them. Progress (every second while a campaign runs), every
-- campaign read and the dispatcher used to count the campaign's recipient rows: at 100,000 recipients a quarter of
-- PostgreSQL's busy time in the campaign benchmark, and the dispatcher's count ran while it held the campaign row.
--
-- How they stay right: statement-level triggers on campaign_recipients append, per (campaign, status) a statement
-- changed, the change in the number of rows (+ for rows that came in or moved to the status, - for rows that left
-- it): an append, never an update of a shared row, so concurrent batches of one campaign never wait for each other.
-- A campaign's counts are the sums of its tallies; a reader that finds many folds them into one row per status (a
-- delete ... returning and an insert of the sums, in one transaction, under a per-campaign advisory lock). Deleting
-- the campaign deletes its tallies (cascade); the recipients its cascade removes leave no tally behind.

create table campaign_recipient_tallies (
    tenant_id   uuid   not null,
    campaign_id uuid   not null,
    seq         bigint generated always as identity,
    status      text   not null,
    n           bigint not null,
    primary key (tenant_id, campaign_id, seq),
    foreign key (tenant_id, campaign_id) references campaigns (tenant_id, id) on delete cascade
);
alter table campaign_recipient_tallies enable row level security;
alter table campaign_recipient_tallies force row level security;
create policy tenant_isolation on campaign_recipient_tallies
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

create function campaign_recipients_tally_inserted() returns trigger language plpgsql as $$
begin
    insert into campaign_recipient_tallies (tenant_id, campaign_id, status, n)
    select tenant_id, campaign_id, status, count(*) from arrived group by tenant_id, campaign_id, status;
    return null;
end $$;

create function campaign_recipients_tally_updated() returns trigger language plpgsql as $$
begin
    insert into campaign_recipient_tallies (tenant_id, campaign_id, status, n)
    select tenant_id, campaign_id, status, sum(n)
    from (select tenant_id, campaign_id, status, 1 as n from arrived
          union all
          select tenant_id, campaign_id, status, -1 from departed) moved
    group by tenant_id, campaign_id, status
    having sum(n) <> 0;
    return null;
end $$;

create function campaign_recipients_tally_deleted() returns trigger language plpgsql as $$
begin
    -- a deleted campaign's recipients go with it, and its tallies by the cascade
    insert into campaign_recipient_tallies (tenant_id, campaign_id, status, n)
    select d.tenant_id, d.campaign_id, d.status, -count(*) from departed d
    where exists (select 1 from campaigns c where c.tenant_id = d.tenant_id and c.id = d.campaign_id)
    group by d.tenant_id, d.campaign_id, d.status;
    return null;
end $$;

create trigger campaign_recipients_tally_inserted after insert on campaign_recipients
    referencing new table as arrived for each statement execute function campaign_recipients_tally_inserted();
create trigger campaign_recipients_tally_updated after update on campaign_recipients
    referencing new table as arrived old table as departed
    for each statement execute function campaign_recipients_tally_updated();
create trigger campaign_recipients_tally_deleted after delete on campaign_recipients
    referencing old table as departed for each statement execute function campaign_recipients_tally_deleted();

-- the recipients there are already
alter table campaign_recipients no force row level security;
alter table campaign_recipient_tallies no force row level security;
insert into campaign_recipient_tallies (tenant_id, campaign_id, status, n)
select tenant_id, campaign_id, status, count(*) from campaign_recipients group by tenant_id, campaign_id, status;
alter table campaign_recipients force row level security;
alter table campaign_recipient_tallies force row level security;
