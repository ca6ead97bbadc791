-- The outbound pipeline's states: 'accepted' once Meta (or the sandbox) returned a wamid and before the 'sent'
-- webhook; 'unknown' when a send was interrupted after it may have left (never resent automatically).
alter table messages drop constraint messages_status_check;
alter table messages add constraint messages_status_check check (status in ('received', 'queued', 'sending',
    'accepted', 'sent', 'delivered', 'read', 'failed', 'unknown'));
alter table messages add column attempts int not null default 0;
alter table messages add column origin text check (origin in ('api', 'inbox', 'campaign', 'agent'));
alter table messages add column updated_at timestamptz not null default now();
-- in-flight sends, for the recovery sweep after a crash; small because rows leave 'sending' within seconds
create index messages_in_flight_idx on messages (tenant_id, updated_at) where status = 'sending';
-- what a retry needs to send the same content again
alter table messages add column template_name text;
alter table messages add column template_language text;
alter table messages add column template_parameters jsonb;
alter table messages add column media_link text;
