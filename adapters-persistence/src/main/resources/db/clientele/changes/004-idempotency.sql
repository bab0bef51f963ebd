--liquibase formatted sql

--changeset clientele:004-idempotency
-- Idempotency keys and the answers given to them (kept 24 h; status NULL while the first request runs).
CREATE TABLE clientele_idempotency (
    tenant_id    VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    idem_key     VARCHAR(200) NOT NULL,
    request_hash CHAR(64)     CHARACTER SET ascii NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    status       INT          NULL,
    content_type VARCHAR(100) NULL,
    body         LONGTEXT     NULL,
    PRIMARY KEY (tenant_id, idem_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
