-- Resumable chunked uploads. Bytes live in <data-dir>/staging/<id>.part until commit; a variant
-- row exists only after the file was verified and stored as a blob.
create table upload_session (
    id              uuid         primary key,
    model_id        bigint       not null references model (id),
    release_version varchar(64)  not null,
    profile_id      bigint       not null references hardware_profile (id),
    file_name       varchar(128) not null,
    declared_size   bigint       not null check (declared_size > 0),
    declared_sha256 varchar(64),
    preference_rank integer      not null default 0,
    status          varchar(16)  not null,
    created_by      varchar(128) not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    expires_at      timestamptz  not null,
    failure_code    varchar(64),
    failure_detail  varchar(2000),
    version         bigint       not null default 0
);
create index upload_session_status on upload_session (status, expires_at);
