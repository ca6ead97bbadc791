-- Jobs: one db-scheduler table per worker group (the jar ships no DDL; this is its PostgreSQL schema, with the
-- indexes renamed per table), and failed_jobs where executions that ran out of attempts are parked.
-- Platform tables: written by the job machinery, not as a workspace, so no row-level security. Task data carries
-- the workspace id and each job's body runs as that workspace.

create table scheduled_tasks_ai (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_ai_execution_time_idx on scheduled_tasks_ai (execution_time);
create index scheduled_tasks_ai_last_heartbeat_idx on scheduled_tasks_ai (last_heartbeat);
create index scheduled_tasks_ai_priority_execution_time_idx on scheduled_tasks_ai (priority desc, execution_time asc);

create table scheduled_tasks_media (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_media_execution_time_idx on scheduled_tasks_media (execution_time);
create index scheduled_tasks_media_last_heartbeat_idx on scheduled_tasks_media (last_heartbeat);
create index scheduled_tasks_media_priority_execution_time_idx on scheduled_tasks_media (priority desc, execution_time asc);

create table scheduled_tasks_analytics (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_analytics_execution_time_idx on scheduled_tasks_analytics (execution_time);
create index scheduled_tasks_analytics_last_heartbeat_idx on scheduled_tasks_analytics (last_heartbeat);
create index scheduled_tasks_analytics_priority_execution_time_idx on scheduled_tasks_analytics (priority desc, execution_time asc);

create table scheduled_tasks_campaigns (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_campaigns_execution_time_idx on scheduled_tasks_campaigns (execution_time);
create index scheduled_tasks_campaigns_last_heartbeat_idx on scheduled_tasks_campaigns (last_heartbeat);
create index scheduled_tasks_campaigns_priority_execution_time_idx on scheduled_tasks_campaigns (priority desc, execution_time asc);

-- Exhausted one-time executions, removed from their group's table. data is the task data as JSON.
create table failed_jobs (
    id            uuid primary key,
    worker_group  text        not null check (worker_group in ('ai', 'media', 'analytics', 'campaigns')),
    task_name     text        not null,
    task_instance text        not null,
    tenant_id     uuid,
    data          jsonb,
    attempts      int         not null,
    last_error    text        not null,
    failed_at     timestamptz not null default now()
);
create index failed_jobs_failed_at_idx on failed_jobs (failed_at desc);
create index failed_jobs_tenant_idx on failed_jobs (tenant_id, failed_at desc);
create index failed_jobs_task_idx on failed_jobs (task_name, task_instance);
