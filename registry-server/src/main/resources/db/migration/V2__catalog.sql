create table hardware_profile (
    id            bigint generated always as identity primary key,
    name          varchar(64)  not null unique,
    description   varchar(1000),
    arch          varchar(32)  not null,
    cpu_features  varchar(1000) not null default '',
    min_ram_mb    integer,
    accelerator   varchar(64),
    os            varchar(32),
    min_api_level integer,
    created_at    timestamptz  not null,
    version       bigint       not null default 0
);

create table model (
    id              bigint generated always as identity primary key,
    name            varchar(64)  not null unique,
    description     varchar(1000),
    targets_signing varchar(16)  not null,
    created_at      timestamptz  not null,
    version         bigint       not null default 0
);

create table publisher_key (
    id             bigint generated always as identity primary key,
    model_id       bigint       not null references model (id),
    key_id         varchar(64)    not null,
    algorithm      varchar(32)  not null,
    public_key_pem text         not null,
    created_at     timestamptz  not null,
    revoked_at     timestamptz,
    unique (model_id, key_id)
);

create table model_release (
    id                bigint generated always as identity primary key,
    model_id          bigint        not null references model (id),
    release_number    bigint        not null check (release_number > 0),
    version_label     varchar(64)   not null,
    notes             varchar(10000),
    base_model        varchar(300),
    training_run_id   varchar(300),
    dataset_digest    varchar(300),
    labels            text          not null default '{}',
    validation_spec   text,
    status            varchar(16)   not null,
    created_at        timestamptz   not null,
    created_by        varchar(128)  not null,
    deprecated_at     timestamptz,
    revoked_at        timestamptz,
    revocation_reason varchar(1000),
    version           bigint        not null default 0,
    unique (model_id, release_number),
    unique (model_id, version_label)
);

create table variant (
    id                bigint generated always as identity primary key,
    release_id        bigint       not null references model_release (id),
    profile_id        bigint       not null references hardware_profile (id),
    file_name         varchar(128) not null,
    sha256            varchar(64)    not null,
    size_bytes        bigint       not null,
    quant_type        varchar(32)  not null,
    architecture      varchar(64)  not null,
    context_length    bigint,
    parameter_count   bigint       not null,
    tensor_count      bigint       not null,
    signature_bundle  text         not null,
    signing_key_id    varchar(64)    not null,
    preference_rank   integer      not null default 0,
    created_at        timestamptz  not null,
    unique (release_id, profile_id)
);
create index variant_sha256 on variant (sha256);

create table channel (
    id          bigint generated always as identity primary key,
    model_id    bigint      not null references model (id),
    name        varchar(64) not null,
    release_id  bigint      references model_release (id),
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    unique (model_id, name)
);
