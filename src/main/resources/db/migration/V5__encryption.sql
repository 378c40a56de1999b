-- age encryption per target: the public keys backups are encrypted for, or a passphrase (age allows it only as
-- the single recipient), and the private key restores use. Secrets are aliases (lifeboat.secrets.<alias> or the
-- catalog's encrypted secrets table), never values.
create table target_encryption (
    target            text primary key references targets (name) on delete cascade,
    recipients        text not null default '',
    passphrase_alias  text,
    identity_alias    text,
    updated_at        timestamptz not null default now(),
    check (recipients = '' or passphrase_alias is null)
);
