-- Lifeboat's catalog. Everything here can be rebuilt from the manifests in the destinations,
-- except configuration (targets, schedules, destinations) and history (runs).

create table destinations (
    name        text primary key check (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    kind        text not null check (kind in ('LOCAL')),
    location    text not null,
    created_at  timestamptz not null default now()
);

create table secrets (
    alias       text primary key,
    ciphertext  bytea not null,
    updated_at  timestamptz not null default now()
);

create table targets (
    name          text primary key check (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    host          text not null,
    port          integer not null check (port between 1 and 65535),
    database_name text not null,
    username      text not null,
    secret_alias  text not null,
    format        text not null default 'CUSTOM_ZSTD' check (format in ('CUSTOM_ZSTD', 'PLAIN_GZIP')),
    destination   text not null references destinations (name),
    keep_last     integer not null default 7 check (keep_last >= 1),
    keep_days     integer not null default 0 check (keep_days >= 0),
    keep_daily    integer not null default 7 check (keep_daily >= 0),
    keep_weekly   integer not null default 4 check (keep_weekly >= 0),
    keep_monthly  integer not null default 6 check (keep_monthly >= 0),
    created_at    timestamptz not null default now()
);

create table schedules (
    id          bigserial primary key,
    target      text not null references targets (name) on delete cascade,
    cron        text not null,
    zone        text not null default 'UTC',
    enabled     boolean not null default true,
    created_at  timestamptz not null default now(),
    last_slot   timestamptz
);

-- A schedule's slot is claimed once, by one instance, however many instances tick.
create table schedule_claims (
    schedule_id bigint not null references schedules (id) on delete cascade,
    slot        timestamptz not null,
    instance    text not null,
    claimed_at  timestamptz not null default now(),
    primary key (schedule_id, slot)
);

create table runs (
    id              bigserial primary key,
    kind            text not null check (kind in ('BACKUP', 'RESTORE', 'PRUNE')),
    target          text not null references targets (name) on delete cascade,
    status          text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    trigger         text not null,
    initiator       text not null,
    instance        text not null,
    heartbeat_at    timestamptz not null default now(),
    started_at      timestamptz not null default now(),
    finished_at     timestamptz,
    backup_id       text,
    folder          text,
    restore_database text,
    bytes_read      bigint not null default 0,
    bytes_written   bigint not null default 0,
    message         text,
    log             text,
    report          text
);

-- At most one backup of a target at a time, whichever instance asks.
create unique index one_backup_at_a_time on runs (target) where kind = 'BACKUP' and status = 'RUNNING';
create index runs_by_target on runs (target, started_at desc);

create table backups (
    id            text primary key,
    target        text not null references targets (name),
    destination   text not null references destinations (name),
    folder        text not null,
    format        text not null,
    size_bytes    bigint not null,
    sha256        text not null,
    started_at    timestamptz not null,
    finished_at   timestamptz not null,
    pinned        boolean not null default false,
    trigger       text not null,
    initiator     text not null,
    run_id        bigint references runs (id) on delete set null,
    manifest      text not null
);
create index backups_by_target on backups (target, started_at desc);
