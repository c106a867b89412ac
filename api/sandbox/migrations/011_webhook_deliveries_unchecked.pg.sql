-- PostgreSQL's version of 011_webhook_deliveries_unchecked.sql: a
-- delivery's foreign keys go. Checking one read its event's row on
-- webhook_events' primary key, a SERIALIZABLE read that takes a predicate
-- lock on the key's index page; the seqs are consecutive, so every two
-- transactions writing an event at once read and wrote the same last page
-- and PostgreSQL refused one (about 2.5 transactions run again per
-- onboarding, bench/RESULTS.md), and each check took a share lock on the
-- one endpoint's row. A delivery is written with its event in the same
-- transaction (webhook_events.go, event) and nothing deletes events or
-- endpoints, so the keys checked nothing the code does not keep.
ALTER TABLE webhook_deliveries DROP CONSTRAINT IF EXISTS webhook_deliveries_event_seq_fkey;
ALTER TABLE webhook_deliveries DROP CONSTRAINT IF EXISTS webhook_deliveries_endpoint_id_fkey;
