--liquibase formatted sql

--changeset clientele:002-merge
-- The merge journal: one row per absorbed customer, with both before-images (JSON) so a merge can be reverted.
CREATE TABLE clientele_merge (
    tenant_id              VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id                     CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    survivor_id            CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    absorbed_id            CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    merged_at              DATETIME(6) NOT NULL,
    reason                 VARCHAR(32) CHARACTER SET ascii NOT NULL,
    actor                  VARCHAR(64) NULL,
    survivor_before        JSON        NOT NULL,
    absorbed_before        JSON        NOT NULL,
    survivor_version_after BIGINT      NOT NULL,
    reverted_at            DATETIME(6) NULL,
    reverted_by            VARCHAR(64) NULL,
    PRIMARY KEY (tenant_id, id),
    KEY ix_merge_survivor (tenant_id, survivor_id, merged_at),
    KEY ix_merge_absorbed (tenant_id, absorbed_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
