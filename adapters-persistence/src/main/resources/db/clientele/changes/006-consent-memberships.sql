--liquibase formatted sql

--changeset clientele:006-consent-memberships-rebuilt
-- Before this version a merge did not rewrite the survivor's list-filter rows when it took over the absorbed
-- customer's consents, nor a revert of it: the consent rows are rebuilt from the ledger, once. A channel's current
-- state is its latest event by occurred_at, recorded_at, id (ConsentEvent.chronological); only active customers
-- have rows.
DELETE FROM clientele_customer_membership WHERE kind = 'consent';
INSERT INTO clientele_customer_membership (tenant_id, kind, value, customer_id)
SELECT latest.tenant_id, 'consent', latest.channel, latest.customer_id
FROM (SELECT e.tenant_id, e.customer_id, e.channel, e.status,
             ROW_NUMBER() OVER (PARTITION BY e.tenant_id, e.customer_id, e.channel
                                ORDER BY e.occurred_at DESC, e.recorded_at DESC, e.id DESC) AS position
      FROM clientele_consent_event e) latest
JOIN clientele_customer c ON c.tenant_id = latest.tenant_id AND c.id = latest.customer_id
WHERE latest.position = 1 AND latest.status = 'granted' AND c.state = 'ACTIVE';
