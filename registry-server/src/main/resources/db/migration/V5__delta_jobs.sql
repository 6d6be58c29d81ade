-- Background delta patches between a new variant and the same profile's variants of earlier
-- releases. The patch is a blob; a job row is what references it.
create table delta_job (
    id                bigint generated always as identity primary key,
    model_id          bigint       not null references model (id),
    source_variant_id bigint       not null references variant (id),
    target_variant_id bigint       not null references variant (id),
    status            varchar(16)  not null,
    attempts          integer      not null default 0,
    strategy          varchar(16),
    patch_sha256      varchar(64),
    patch_size        bigint,
    error             varchar(2000),
    created_at        timestamptz  not null,
    started_at        timestamptz,
    finished_at       timestamptz,
    unique (source_variant_id, target_variant_id)
);
create index delta_job_status on delta_job (status, id);
create index delta_job_patch on delta_job (patch_sha256);
