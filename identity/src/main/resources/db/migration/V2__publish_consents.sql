-- Consent decisions are copied to the lakehouse (bronze.user_consents) through the outbox, where
-- the nightly jobs and the serving API enforce them. This row publishes the decisions recorded
-- before that; decisions recorded from now on are queued with the change that records them.
INSERT INTO lakehouse_outbox (kind, user_id, payload, created_at)
VALUES ('consent_backfill', '*', '{}', CURRENT_TIMESTAMP);
