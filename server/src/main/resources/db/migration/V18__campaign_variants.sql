-- Alternative bodies (e.g. AI-spun variants) a campaign rotates across its recipients, each with exactly the main
-- body's variables. A JSON array of strings; empty = the main body only.
alter table campaigns add column variants jsonb not null default '[]' check (jsonb_typeof(variants) = 'array');
