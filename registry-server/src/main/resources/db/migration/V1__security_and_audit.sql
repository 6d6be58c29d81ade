-- Admin users (form login) and API tokens (bearer, for automation); both hashed at rest.
create table user_account (
    id            bigint generated always as identity primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(200) not null,
    roles         varchar(200) not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null,
    version       bigint       not null default 0
);

create table api_token (
    id           bigint generated always as identity primary key,
    name         varchar(64)  not null,
    token_hash   varchar(64)    not null unique,
    user_id      bigint       not null references user_account (id),
    roles        varchar(200) not null,
    created_at   timestamptz  not null,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id);

-- Every mutating action: who, what, when, before/after (JSON text).
create table audit_event (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz  not null,
    actor        varchar(128) not null,
    action       varchar(64)  not null,
    target_type  varchar(32)  not null,
    target       varchar(300) not null,
    before_state text,
    after_state  text
);
create index audit_event_target on audit_event (target_type, target);
create index audit_event_time on audit_event (occurred_at);
