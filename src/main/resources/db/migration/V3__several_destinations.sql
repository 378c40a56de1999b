-- Several destinations per target (3-2-1): a backup is read once and copied to each of them.
-- A target lists its destinations in order; each may override the target's retention.
create table target_destinations (
    target        text not null references targets (name) on delete cascade,
    destination   text not null references destinations (name),
    position      integer not null check (position >= 0),
    keep_last     integer check (keep_last >= 1),
    keep_days     integer check (keep_days >= 0),
    keep_daily    integer check (keep_daily >= 0),
    keep_weekly   integer check (keep_weekly >= 0),
    keep_monthly  integer check (keep_monthly >= 0),
    primary key (target, destination)
);

-- One row per destination a backup was written to: COMPLETE copies can be restored, FAILED ones say why
-- they are missing, SWEPT ones were removed by retention on that destination.
create table backup_copies (
    backup       text not null references backups (id) on delete cascade,
    destination  text not null references destinations (name),
    position     integer not null check (position >= 0),
    status       text not null check (status in ('COMPLETE', 'FAILED', 'SWEPT')),
    reason       text,
    primary key (backup, destination)
);
create index backup_copies_by_destination on backup_copies (destination, status);

insert into target_destinations (target, destination, position)
    select name, destination, 0 from targets;
insert into backup_copies (backup, destination, position, status)
    select id, destination, 0, 'COMPLETE' from backups;

alter table targets drop column destination;
alter table backups drop column destination;
