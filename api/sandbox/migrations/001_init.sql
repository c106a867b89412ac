-- The LinkCy emulation: consumers, their credentials, KYC applications,
-- email links, refresh tokens and the outbox of SMS and emails "sent".
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE consumers (
    id              TEXT PRIMARY KEY,
    partner         TEXT NOT NULL,
    external_id     TEXT,
    country_code    TEXT NOT NULL,
    national_number TEXT NOT NULL,
    phone_digits    TEXT NOT NULL UNIQUE,
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
    UNIQUE (partner, external_id)
);
CREATE INDEX consumers_partner ON consumers (partner, created_at);

-- One live secret per consumer and purpose ('password' or 'phone').
CREATE TABLE secrets (
    consumer_id TEXT NOT NULL REFERENCES consumers (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (consumer_id, purpose)
);

CREATE TABLE refresh_tokens (
    token_hash BLOB PRIMARY KEY,
    subject    TEXT NOT NULL,
    kind       TEXT NOT NULL, -- 'consumer' or 'partner'
    partner    TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE kyc (
    id           TEXT PRIMARY KEY,
    consumer_id  TEXT NOT NULL REFERENCES consumers (id) ON DELETE CASCADE,
    token        TEXT NOT NULL UNIQUE,
    status       TEXT NOT NULL,
    auto_at      INTEGER NOT NULL DEFAULT 0, -- when auto-approval lands; 0 for none
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX kyc_consumer ON kyc (consumer_id, created_at);

CREATE TABLE email_links (
    token       TEXT PRIMARY KEY,
    consumer_id TEXT NOT NULL REFERENCES consumers (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer_id TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL, -- 'sms' or 'email'
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    secret      TEXT NOT NULL DEFAULT '',
    code        TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX outbox_recipient ON outbox (recipient, id);
