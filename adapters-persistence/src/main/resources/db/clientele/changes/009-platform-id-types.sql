--liquibase formatted sql

--changeset clientele:009-platform-id-types
-- Capillary's platform ids were soft links named after them (type 'softLink:ali_uname'); they are identifier types of
-- their own now, so an email address is a valid value. No row can hold the new type yet: the types are new.
UPDATE clientele_customer_identifier SET type = SUBSTRING(type, LENGTH('softLink:') + 1)
WHERE type IN ('softLink:martjackId', 'softLink:cuid', 'softLink:ali_uname', 'softLink:jd_uname', 'softLink:vip_uname',
               'softLink:mobilePush');
