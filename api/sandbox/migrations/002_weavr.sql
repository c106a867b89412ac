-- The Weavr emulation (seeds 002, 003): consumers with their root user,
-- tokens that live five minutes from their last use, the email and SMS
-- codes, and the idempotency references of consumer creation. Its
-- messages go to the shared outbox with consumer_id 'weavr:<id>'.
CREATE TABLE weavr_consumers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id      TEXT NOT NULL,
    email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    mobile_cc       TEXT NOT NULL, -- with its '+'
    mobile_number   TEXT NOT NULL,
    name            TEXT NOT NULL,
    surname         TEXT NOT NULL,
    birth_date      TEXT NOT NULL, -- YYYY-MM-DD
    country         TEXT NOT NULL,
    ip_address      TEXT NOT NULL,
    accepted_terms  INTEGER NOT NULL DEFAULT 0,
    base_currency   TEXT NOT NULL DEFAULT '',
    tag             TEXT NOT NULL DEFAULT '',
    email_verified  INTEGER NOT NULL DEFAULT 0,
    mobile_verified INTEGER NOT NULL DEFAULT 0,
    sms_factor      TEXT NOT NULL DEFAULT '', -- '', PENDING_VERIFICATION or ACTIVE
    password_hash   BLOB,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER NOT NULL DEFAULT 0,
    kyc_status      TEXT NOT NULL DEFAULT 'NOT_STARTED',
    kyc_reference   TEXT NOT NULL DEFAULT '',
    kyc_auto_at     INTEGER NOT NULL DEFAULT 0,
    kyc_started_at  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);
-- Weavr's ids are long numbers; start there.
INSERT INTO sqlite_sequence (name, seq) VALUES ('weavr_consumers', 110000000000);
CREATE INDEX weavr_consumers_reference ON weavr_consumers (kyc_reference);

CREATE TABLE weavr_tokens (
    token_hash  BLOB PRIMARY KEY,
    consumer_id INTEGER NOT NULL REFERENCES weavr_consumers (id) ON DELETE CASCADE,
    last_used   INTEGER NOT NULL
);

-- One live code per consumer and channel ('email' or 'sms').
CREATE TABLE weavr_codes (
    consumer_id INTEGER NOT NULL REFERENCES weavr_consumers (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,
    code_hash   BLOB NOT NULL,
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (consumer_id, channel)
);

CREATE TABLE weavr_idempotency (
    ref         TEXT PRIMARY KEY,
    body_hash   BLOB NOT NULL,
    consumer_id INTEGER NOT NULL REFERENCES weavr_consumers (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL
);
