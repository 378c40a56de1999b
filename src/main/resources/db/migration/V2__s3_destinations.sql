-- S3-compatible destinations: the location is an s3:// URI holding secret aliases, never keys.
alter table destinations drop constraint destinations_kind_check;
alter table destinations add constraint destinations_kind_check check (kind in ('LOCAL', 'S3'));
