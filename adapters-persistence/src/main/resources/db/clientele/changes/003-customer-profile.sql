--liquibase formatted sql

--changeset clientele:003-customer-details
-- Tags, lists, attributes, extended fields, household, loyalty (JSON) and the grouping id (indexed for lists).
ALTER TABLE clientele_customer
    ADD COLUMN details      JSON         NULL,
    ADD COLUMN canonical_id VARCHAR(100) NULL,
    ADD KEY ix_customer_canonical (tenant_id, canonical_id, id),
    ADD KEY ix_customer_merged_into (tenant_id, merged_into);

--changeset clientele:003-membership
-- Derived index for list filters: one row per tag, mailing list and currently granted consent channel of each
-- active customer. Rewritten from the aggregate when any of them changes.
CREATE TABLE clientele_customer_membership (
    tenant_id   VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind        VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    value       VARCHAR(100) NOT NULL,
    customer_id CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, kind, value, customer_id),
    KEY ix_membership_customer (tenant_id, customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

--changeset clientele:003-consent-event
-- The consent ledger: append-only; nothing in the API updates or deletes a row.
CREATE TABLE clientele_consent_event (
    tenant_id      VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id             CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    customer_id    CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    channel        VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    status         VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    occurred_at    DATETIME(6)  NOT NULL,
    recorded_at    DATETIME(6)  NOT NULL,
    source         VARCHAR(40)  NOT NULL,
    evidence       VARCHAR(500) NULL,
    policy_version VARCHAR(500) NULL,
    actor          VARCHAR(64)  NULL,
    PRIMARY KEY (tenant_id, id),
    KEY ix_consent_customer (tenant_id, customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

--changeset clientele:003-push-subscription
-- The primary key makes a device token belong to one customer of a tenant; writing it for another moves the row.
CREATE TABLE clientele_push_subscription (
    tenant_id       VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    provider        VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    token           VARCHAR(512) NOT NULL,
    customer_id     CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    application_id  VARCHAR(200) NULL,
    fcm_project_id  VARCHAR(200) NULL,
    dev_environment BOOLEAN      NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, provider, token),
    KEY ix_push_customer (tenant_id, customer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

--changeset clientele:003-customer-change
-- Change history: who, when, through which path, which parts (names only, never values).
CREATE TABLE clientele_customer_change (
    tenant_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    customer_id CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id          CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind        VARCHAR(16) CHARACTER SET ascii NOT NULL,
    actor       VARCHAR(64) NULL,
    source      VARCHAR(40) NULL,
    changed_at  DATETIME(6) NOT NULL,
    parts       JSON        NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

--changeset clientele:003-catalog
CREATE TABLE clientele_extended_field (
    tenant_id      VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name           VARCHAR(64) NOT NULL,
    type           VARCHAR(16) CHARACTER SET ascii NOT NULL,
    allowed_values JSON        NOT NULL,
    PRIMARY KEY (tenant_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE clientele_loyalty_programme (
    tenant_id VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id        INT          NOT NULL,
    name      VARCHAR(200) NOT NULL,
    tiers     JSON         NOT NULL,
    PRIMARY KEY (tenant_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

--changeset clientele:003-merge-revert-version
-- The survivor's version after a revert: reverting the merge before it expects the survivor at that version.
ALTER TABLE clientele_merge ADD COLUMN survivor_version_after_revert BIGINT NULL;
