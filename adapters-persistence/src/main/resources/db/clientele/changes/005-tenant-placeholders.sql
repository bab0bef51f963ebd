--liquibase formatted sql

--changeset clientele:005-tenant-placeholders
-- Values a tenant treats as placeholders on top of the defaults (JSON array of strings).
ALTER TABLE clientele_tenant ADD COLUMN placeholder_values JSON NULL;
