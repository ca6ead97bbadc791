-- The inbox: one conversation per contact across every channel of the workspace.
--
-- A conversation row is a summary of the contact's messages (latest message, unread inbound count) kept by a
-- statement-level trigger on messages, so every path that stores messages (webhooks, the outbound pipeline for API,
-- inbox, campaign and agent sends) keeps the inbox right without knowing about it, in the same transaction, with one
-- upsert per statement whatever the batch size. Listing conversations is then a keyset scan of this table and never
-- reads the messages table (measured in bench/: inbox).
--
-- No foreign key to contacts: a message stored for a contact deleted a moment earlier must not fail its batch. A
-- trigger on contacts removes the conversations of deleted contacts instead.
create table conversations (
    tenant_id       uuid        not null references workspaces (id) on delete cascade,
    contact_id      uuid        not null,
    -- UUIDv7: id order is time order, so the latest message is the greatest id and the list's keyset is this id
    last_message_id uuid        not null,
    last_message_at timestamptz not null,
    last_direction  text        not null check (last_direction in ('in', 'out')),
    last_channel_id uuid        not null,
    last_type       text        not null,
    last_preview    text,
    last_campaign   boolean     not null default false,
    -- inbound messages since the conversation was last opened (per workspace, not per member)
    unread_count    integer     not null default 0 check (unread_count >= 0),
    status          text        not null default 'open' check (status in ('open', 'closed')),
    assignee_id     uuid,
    primary key (tenant_id, contact_id)
);
create index conversations_activity_idx on conversations (tenant_id, last_message_id desc);
-- the notification badge: how many conversations have unread messages
create index conversations_unread_idx on conversations (tenant_id) where unread_count > 0;
alter table conversations enable row level security;
alter table conversations force row level security;
create policy tenant_isolation on conversations
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- Which channels a conversation used, for the list's channel filter ("conversations on this number, latest first").
create table conversation_channels (
    tenant_id       uuid not null references workspaces (id) on delete cascade,
    channel_id      uuid not null,
    contact_id      uuid not null,
    last_message_id uuid not null,
    primary key (tenant_id, channel_id, contact_id)
);
create index conversation_channels_activity_idx on conversation_channels (tenant_id, channel_id, last_message_id desc);
alter table conversation_channels enable row level security;
alter table conversation_channels force row level security;
create policy tenant_isolation on conversation_channels
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- What the list shows of a message: its text, or its kind in brackets.
create function conversation_preview(body text, caption text, type text) returns text
    language sql immutable parallel safe as $$
    select left(coalesce(nullif(body, ''), nullif(caption, ''), '[' || type || ']'), 200)
$$;

-- One upsert per table per statement: the newest message of each contact in the statement, and its inbound count.
-- An update never moves a conversation back to an older message (statements of concurrent transactions may commit
-- out of id order). An inbound message reopens a closed conversation.
create function conversations_messages_inserted() returns trigger language plpgsql as $$
begin
    insert into conversations as c (tenant_id, contact_id, last_message_id, last_message_at, last_direction,
                                     last_channel_id, last_type, last_preview, last_campaign, unread_count)
    select l.tenant_id, l.contact_id, l.id, l.created_at, l.direction, l.channel_id, l.type,
           conversation_preview(l.body, l.media_caption, l.type), l.campaign_id is not null, n.inbound
    from (select distinct on (tenant_id, contact_id) * from inserted order by tenant_id, contact_id, id desc) l
    join (select tenant_id, contact_id, count(*) filter (where direction = 'in')::integer as inbound
          from inserted group by tenant_id, contact_id) n
      on n.tenant_id = l.tenant_id and n.contact_id = l.contact_id
    -- rows are locked in contact order, so two overlapping batches never deadlock
    order by l.contact_id
    on conflict (tenant_id, contact_id) do update set
        last_message_id = greatest(c.last_message_id, excluded.last_message_id),
        last_message_at = case when excluded.last_message_id > c.last_message_id
                               then excluded.last_message_at else c.last_message_at end,
        last_direction  = case when excluded.last_message_id > c.last_message_id
                               then excluded.last_direction else c.last_direction end,
        last_channel_id = case when excluded.last_message_id > c.last_message_id
                               then excluded.last_channel_id else c.last_channel_id end,
        last_type       = case when excluded.last_message_id > c.last_message_id
                               then excluded.last_type else c.last_type end,
        last_preview    = case when excluded.last_message_id > c.last_message_id
                               then excluded.last_preview else c.last_preview end,
        last_campaign   = case when excluded.last_message_id > c.last_message_id
                               then excluded.last_campaign else c.last_campaign end,
        unread_count    = c.unread_count + excluded.unread_count,
        status          = case when excluded.unread_count > 0 then 'open' else c.status end;

    insert into conversation_channels as cc (tenant_id, channel_id, contact_id, last_message_id)
    select distinct on (tenant_id, channel_id, contact_id) tenant_id, channel_id, contact_id, id from inserted
    order by tenant_id, channel_id, contact_id, id desc
    on conflict (tenant_id, channel_id, contact_id) do update set
        last_message_id = greatest(cc.last_message_id, excluded.last_message_id);
    return null;
end $$;

create trigger messages_conversations after insert on messages
    referencing new table as inserted for each statement execute function conversations_messages_inserted();

create function conversations_contacts_deleted() returns trigger language plpgsql as $$
begin
    delete from conversations c using deleted d where c.tenant_id = d.tenant_id and c.contact_id = d.id;
    delete from conversation_channels c using deleted d where c.tenant_id = d.tenant_id and c.contact_id = d.id;
    return null;
end $$;

create trigger contacts_conversations_deleted after delete on contacts
    referencing old table as deleted for each statement execute function conversations_contacts_deleted();

-- The inbox's text search reads a contact-facing conversation's own messages newest first (campaign broadcasts are
-- left out: they are the same text for thousands of contacts).
create index messages_conversation_text_idx on messages (tenant_id, id desc) where campaign_id is null;

-- Conversations of the messages stored before this migration (the owner is subject to FORCE ROW LEVEL SECURITY;
-- lift it meanwhile). Unread counts start at zero.
alter table messages no force row level security;
alter table conversations no force row level security;
alter table conversation_channels no force row level security;
insert into conversations (tenant_id, contact_id, last_message_id, last_message_at, last_direction, last_channel_id,
                           last_type, last_preview, last_campaign)
select distinct on (tenant_id, contact_id) tenant_id, contact_id, id, created_at, direction, channel_id, type,
       conversation_preview(body, media_caption, type), campaign_id is not null
from messages order by tenant_id, contact_id, id desc;
insert into conversation_channels (tenant_id, channel_id, contact_id, last_message_id)
select distinct on (tenant_id, channel_id, contact_id) tenant_id, channel_id, contact_id, id from messages
order by tenant_id, channel_id, contact_id, id desc;
alter table messages force row level security;
alter table conversations force row level security;
alter table conversation_channels force row level security;
