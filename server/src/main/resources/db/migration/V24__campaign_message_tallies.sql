-- What happened to a campaign's messages after they went out, without counting them: the other half of a campaign's
-- counts (V23 keeps its recipients by status). Counting them read every message of the campaign for every progress
-- event and every campaign read.
--
-- The same scheme as V23: statement-level triggers on messages append, per campaign a statement changed, the change
-- in the number of its messages in each category (appends only, so concurrent status webhooks never wait for each
-- other); readers sum them and fold them when there are many. A category is what MessageRepository counted:
--   delivered    status delivered or read
--   read         status read
--   late_failed  failed after the sender was told it went out (it has a wamid, or a retry made a second attempt)
--   retrying     queued for the provider's retry, or being retried (sending on a second attempt)
-- Messages of a campaign that no longer exists add nothing; deleting a campaign deletes its tallies.

create table campaign_message_tallies (
    tenant_id   uuid   not null,
    campaign_id uuid   not null,
    seq         bigint generated always as identity,
    delivered   bigint not null,
    read        bigint not null,
    late_failed bigint not null,
    retrying    bigint not null,
    primary key (tenant_id, campaign_id, seq)
);
alter table campaign_message_tallies enable row level security;
alter table campaign_message_tallies force row level security;
create policy tenant_isolation on campaign_message_tallies
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- messages that came in (the trigger's argument: +1) or went (-1), in the transition table "changed"
create function campaign_messages_tally_counted() returns trigger language plpgsql as $$
begin
    insert into campaign_message_tallies (tenant_id, campaign_id, delivered, read, late_failed, retrying)
    select * from (
        select tenant_id, campaign_id,
               TG_ARGV[0]::int * count(*) filter (where status in ('delivered', 'read')) as delivered,
               TG_ARGV[0]::int * count(*) filter (where status = 'read') as read,
               TG_ARGV[0]::int * count(*) filter (where status = 'failed' and (wamid is not null or attempts > 1))
                   as late_failed,
               TG_ARGV[0]::int * count(*) filter (where status = 'queued' or (status = 'sending' and attempts > 1))
                   as retrying
        from changed m
        where campaign_id is not null
          and exists (select 1 from campaigns c where c.tenant_id = m.tenant_id and c.id = m.campaign_id)
        group by tenant_id, campaign_id) t
    where delivered <> 0 or read <> 0 or late_failed <> 0 or retrying <> 0;
    return null;
end $$;

create function campaign_messages_tally_updated() returns trigger language plpgsql as $$
begin
    insert into campaign_message_tallies (tenant_id, campaign_id, delivered, read, late_failed, retrying)
    select * from (
        select tenant_id, campaign_id,
               coalesce(sum(sign) filter (where status in ('delivered', 'read')), 0) as delivered,
               coalesce(sum(sign) filter (where status = 'read'), 0) as read,
               coalesce(sum(sign) filter (where status = 'failed' and (wamid is not null or attempts > 1)), 0) as late_failed,
               coalesce(sum(sign) filter (where status = 'queued' or (status = 'sending' and attempts > 1)), 0) as retrying
        from (select tenant_id, campaign_id, status, wamid, attempts, 1 as sign from arrived
              where campaign_id is not null
              union all
              select tenant_id, campaign_id, status, wamid, attempts, -1 from departed
              where campaign_id is not null) m
        where exists (select 1 from campaigns c where c.tenant_id = m.tenant_id and c.id = m.campaign_id)
        group by tenant_id, campaign_id) t
    where delivered <> 0 or read <> 0 or late_failed <> 0 or retrying <> 0;
    return null;
end $$;

create trigger messages_campaign_tally_inserted after insert on messages
    referencing new table as changed for each statement execute function campaign_messages_tally_counted('1');
create trigger messages_campaign_tally_updated after update on messages
    referencing new table as arrived old table as departed
    for each statement execute function campaign_messages_tally_updated();
create trigger messages_campaign_tally_deleted after delete on messages
    referencing old table as changed for each statement execute function campaign_messages_tally_counted('-1');

create function campaigns_message_tallies_deleted() returns trigger language plpgsql as $$
begin
    delete from campaign_message_tallies t using departed c where t.tenant_id = c.tenant_id and t.campaign_id = c.id;
    return null;
end $$;

create trigger campaigns_message_tallies_deleted after delete on campaigns
    referencing old table as departed for each statement execute function campaigns_message_tallies_deleted();

-- the campaign messages there are already
alter table messages no force row level security;
alter table campaigns no force row level security;
alter table campaign_message_tallies no force row level security;
insert into campaign_message_tallies (tenant_id, campaign_id, delivered, read, late_failed, retrying)
select tenant_id, campaign_id,
       count(*) filter (where status in ('delivered', 'read')),
       count(*) filter (where status = 'read'),
       count(*) filter (where status = 'failed' and (wamid is not null or attempts > 1)),
       count(*) filter (where status = 'queued' or (status = 'sending' and attempts > 1))
from messages m
where campaign_id is not null
  and exists (select 1 from campaigns c where c.tenant_id = m.tenant_id and c.id = m.campaign_id)
group by tenant_id, campaign_id;
alter table messages force row level security;
alter table campaigns force row level security;
alter table campaign_message_tallies force row level security;
