-- OneDrive destinations (Microsoft Graph): the location is an onedrive:/FOLDER URI holding secret aliases, never
-- tokens. The kinds other migrations allow are kept: ONEDRIVE is added to whatever the constraint lists.
do $$
declare
    kinds text[];
begin
    select coalesce(array_agg(distinct m[1]), array[]::text[]) into kinds
      from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([A-Z0-9_]+)''', 'g') as m
     where c.conrelid = 'destinations'::regclass and c.conname = 'destinations_kind_check';
    kinds := array(select distinct k from unnest(kinds || array['LOCAL', 'S3', 'ONEDRIVE']) as k order by k);
    alter table destinations drop constraint if exists destinations_kind_check;
    execute format('alter table destinations add constraint destinations_kind_check check (kind in (%s))',
                   (select string_agg(quote_literal(k), ', ') from unnest(kinds) as k));
end
$$;
