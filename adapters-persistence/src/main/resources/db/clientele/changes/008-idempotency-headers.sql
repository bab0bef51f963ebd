--liquibase formatted sql

--changeset clientele:008-idempotency-headers
-- A replayed answer carries the headers a client reads from the first one (Location of a created customer, ETag).
ALTER TABLE clientele_idempotency ADD COLUMN headers TEXT NULL;
