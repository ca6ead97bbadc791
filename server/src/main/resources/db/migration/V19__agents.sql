-- AI agents: a persona answering customers on the channels bound to it, with a memory of facts per contact.

create table agents (
    tenant_id           uuid        not null references workspaces (id) on delete cascade,
    id                  uuid        not null,
    name                text        not null check (length(name) between 1 and 100),
    instructions        text        not null check (length(instructions) between 1 and 8000),
    -- null: the server's configured model (WHATSDEX_AI_MODEL)
    model               text        check (length(model) between 1 and 200),
    temperature         double precision not null default 0.7 check (temperature between 0 and 2),
    max_reply_chars     int         not null default 1000 check (max_reply_chars between 20 and 4096),
    -- a typing-like pause before answering; messages the customer adds meanwhile are answered together
    reply_delay_seconds int         not null default 0 check (reply_delay_seconds between 0 and 60),
    -- after someone answers from the inbox, the agent stays silent in that conversation for this long
    handover_minutes    int         not null default 60 check (handover_minutes between 1 and 10080),
    enabled             boolean     not null default false,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    primary key (tenant_id, id)
);
create unique index agents_name_key on agents (tenant_id, lower(name));
alter table agents enable row level security;
alter table agents force row level security;
create policy tenant_isolation on agents
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- The channels an agent answers on: a channel has at most one agent (the primary key). Deleting the channel or
-- the agent removes the binding.
create table agent_channels (
    tenant_id  uuid not null,
    channel_id uuid not null,
    agent_id   uuid not null,
    primary key (tenant_id, channel_id),
    foreign key (tenant_id, agent_id) references agents (tenant_id, id) on delete cascade,
    foreign key (tenant_id, channel_id) references channels (tenant_id, id) on delete cascade
);
create index agent_channels_agent_idx on agent_channels (tenant_id, agent_id);
alter table agent_channels enable row level security;
alter table agent_channels force row level security;
create policy tenant_isolation on agent_channels
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- What the workspace knows about a contact: remembered by an agent (a tool call, with the message that taught it)
-- or written by a person on the contact page. The same fact twice (ignoring case) is one row.
create table contact_facts (
    tenant_id         uuid        not null,
    id                uuid        not null,
    contact_id        uuid        not null,
    fact              text        not null check (length(fact) between 1 and 500),
    source            text        not null check (source in ('agent', 'user')),
    agent_id          uuid,
    source_message_id uuid,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade
);
create unique index contact_facts_text_key on contact_facts (tenant_id, contact_id, lower(fact));
alter table contact_facts enable row level security;
alter table contact_facts force row level security;
create policy tenant_isolation on contact_facts
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- One row per customer message an agent is asked to answer (the activity view): created with the message, in its
-- transaction; the reply job moves it to replied, skipped (with why) or failed. The reply is sent with the client
-- key 'agent:<inbound_message_id>', so a job that runs twice sends once.
create table agent_replies (
    tenant_id          uuid        not null,
    id                 uuid        not null,
    agent_id           uuid        not null,
    contact_id         uuid        not null,
    channel_id         uuid        not null,
    inbound_message_id uuid        not null,
    inbound_text       text,
    status             text        not null default 'pending'
                                   check (status in ('pending', 'replied', 'skipped', 'failed')),
    reason             text        check (length(reason) <= 500),
    reply_message_id   uuid,
    reply_text         text,
    -- [{"name": "remember_fact", "arguments": {...}, "result": "..."}]
    tool_calls         jsonb       not null default '[]',
    attempts           int         not null default 0,
    input_tokens       int,
    output_tokens      int,
    received_at        timestamptz not null,
    -- when the job was due: received_at plus the agent's reply delay; pickup latency is picked_up_at - due_at
    due_at             timestamptz not null,
    picked_up_at       timestamptz,
    completed_at       timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, agent_id) references agents (tenant_id, id) on delete cascade
);
create unique index agent_replies_inbound_key on agent_replies (tenant_id, inbound_message_id);
create index agent_replies_agent_idx on agent_replies (tenant_id, agent_id, id desc);
create index agent_replies_contact_idx on agent_replies (tenant_id, contact_id, id desc);
alter table agent_replies enable row level security;
alter table agent_replies force row level security;
create policy tenant_isolation on agent_replies
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());

-- A conversation an agent handed to a person (the provider kept failing, or the agent asked for help). The agent
-- stays silent there until someone answers from the inbox after flagged_at, or resumes the agent explicitly.
create table agent_handovers (
    tenant_id  uuid        not null,
    contact_id uuid        not null,
    agent_id   uuid,
    reason     text        not null check (length(reason) <= 500),
    flagged_at timestamptz not null default now(),
    primary key (tenant_id, contact_id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade
);
alter table agent_handovers enable row level security;
alter table agent_handovers force row level security;
create policy tenant_isolation on agent_handovers
    using (tenant_id = current_tenant_id()) with check (tenant_id = current_tenant_id());
