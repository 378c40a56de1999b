-- Who may use Lifeboat: console users, API tokens for scripts, refused logins, and the audit trail.
-- No secret is stored in plain text: passwords are PBKDF2 hashes, tokens are known by their id (jti) only.

create table users (
    name          text primary key check (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$'),
    password_hash text not null,
    role          text not null check (role in ('VIEWER', 'OPERATOR', 'ADMIN')),
    language      text not null default 'en',
    created_at    timestamptz not null default now(),
    disabled_at   timestamptz
);

create table api_tokens (
    jti         text primary key,
    name        text not null,
    role        text not null check (role in ('VIEWER', 'OPERATOR', 'ADMIN')),
    created_by  text not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    last_used   timestamptz,
    revoked_at  timestamptz,
    revoked_by  text
);

-- A name is given to one live token at a time; a revoked token's name may be reused.
create unique index api_tokens_live_name on api_tokens (name) where revoked_at is null;

create table login_failures (
    id          bigserial primary key,
    name        text not null,
    address     text not null,
    at          timestamptz not null default now()
);

create index login_failures_by_name on login_failures (name, at);
create index login_failures_by_address on login_failures (address, at);

create table audit (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       text not null,
    address     text,
    action      text not null,
    object      text,
    result      text not null,
    details     text
);

create index audit_by_time on audit (at desc);
create index audit_by_actor on audit (actor, at desc);
create index audit_by_action on audit (action, at desc);
