--liquibase formatted sql

--changeset clientele:007-idempotency-expiry
-- Keys past their 24 hours are purged in batches by claim time (they were only ever replaced when reused).
CREATE INDEX ix_idempotency_created ON clientele_idempotency (created_at);
