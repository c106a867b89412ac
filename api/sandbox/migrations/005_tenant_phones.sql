-- A phone number is unique within a partner, not across the sandbox: on a
-- shared sandbox (`onboard serve`) each session is a partner of its own,
-- and two sessions typing the same number must both be able to sign up
-- (and must not learn that another session used it). SQLite cannot drop
-- a column's UNIQUE, so the table is rebuilt; migrate turns foreign keys
-- off meanwhile, so that dropping the old table cascades to nothing.
CREATE TABLE consumers_005 (
    id              TEXT PRIMARY KEY,
    partner         TEXT NOT NULL,
    external_id     TEXT,
    country_code    TEXT NOT NULL,
    national_number TEXT NOT NULL,
    phone_digits    TEXT NOT NULL,
    first_name      TEXT NOT NULL DEFAULT '',
    middle_name     TEXT NOT NULL DEFAULT '',
    last_name       TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    email_verified  INTEGER NOT NULL DEFAULT 0,
    phone_validated INTEGER NOT NULL DEFAULT 0,
    password_hash   BLOB,
    terms_version   TEXT NOT NULL DEFAULT '',
    source_of_funds TEXT NOT NULL DEFAULT '',
    occupation      TEXT NOT NULL DEFAULT '',
    extra           TEXT NOT NULL DEFAULT '{}', -- the optional fields the sandbox stores but does not act on, as JSON
    kyc_status      TEXT NOT NULL DEFAULT 'NOT_STARTED',
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (partner, external_id),
    UNIQUE (partner, phone_digits)
);
INSERT INTO consumers_005 (id, partner, external_id, country_code, national_number, phone_digits,
    first_name, middle_name, last_name, email, email_verified, phone_validated, password_hash,
    terms_version, source_of_funds, occupation, extra, kyc_status, failed_logins, locked_until, created_at, updated_at)
SELECT id, partner, external_id, country_code, national_number, phone_digits,
    first_name, middle_name, last_name, email, email_verified, phone_validated, password_hash,
    terms_version, source_of_funds, occupation, extra, kyc_status, failed_logins, locked_until, created_at, updated_at
FROM consumers;
DROP TABLE consumers;
ALTER TABLE consumers_005 RENAME TO consumers;
CREATE INDEX consumers_partner ON consumers (partner, created_at);
-- A password change told the phone but not the partner (what LinkCy's
-- clients send) looks the consumer up by phone alone.
CREATE INDEX consumers_phone ON consumers (phone_digits);
