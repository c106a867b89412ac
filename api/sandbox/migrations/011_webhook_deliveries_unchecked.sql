-- Nothing changes on SQLite: see 011_webhook_deliveries_unchecked.pg.sql.
-- There one writer runs at a time, so checking a delivery's foreign keys
-- conflicts with nobody, and they stay.
SELECT 1;
