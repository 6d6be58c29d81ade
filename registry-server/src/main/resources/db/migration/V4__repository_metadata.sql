-- Signed repository metadata per model: every version of every role is kept (devices walk the
-- root chain; the latest version of each role is what is served).
create table repository_metadata (
    model_id    bigint       not null references model (id),
    role        varchar(16)  not null,
    version     bigint       not null check (version > 0),
    expires_at  timestamptz  not null,
    content     bytea        not null,
    sha256      varchar(64)  not null,
    fingerprint varchar(64)  not null,
    created_at  timestamptz  not null,
    primary key (model_id, role, version)
);

-- Publisher-signed targets: the exact document the publisher must sign next.
create table pending_targets (
    model_id    bigint       primary key references model (id),
    version     bigint       not null,
    expires_at  timestamptz  not null,
    payload     bytea        not null,
    fingerprint varchar(64)  not null,
    created_at  timestamptz  not null
);
