-- PostgreSQL's version of 005_tenant_phones.sql: it can drop a column's
-- UNIQUE, so the table stays (and the foreign keys to it with it).
ALTER TABLE consumers DROP CONSTRAINT consumers_phone_digits_key;
ALTER TABLE consumers ADD CONSTRAINT consumers_partner_phone_digits_key UNIQUE (partner, phone_digits);
CREATE INDEX consumers_phone ON consumers (phone_digits);
