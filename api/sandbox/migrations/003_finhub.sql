-- The FinHub emulation (seed 004): individual customers with their login
-- user, sessions with refresh tokens, identity verifications with their
-- uploaded documents, the three consents, and the activation code. Its
-- messages go to the shared outbox with consumer_id 'finhub:<id>'.
CREATE TABLE finhub_customers (
    id                 TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL UNIQUE,
    tenant_id          TEXT NOT NULL,
    email              TEXT NOT NULL COLLATE NOCASE,
    phone              TEXT NOT NULL,
    first_name         TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    birth_date         TEXT NOT NULL,
    gender             TEXT NOT NULL,
    nationality        TEXT NOT NULL,
    category           TEXT NOT NULL,
    password_hash      BLOB NOT NULL,
    failed_logins      INTEGER NOT NULL DEFAULT 0,
    locked_until       INTEGER NOT NULL DEFAULT 0,
    status             TEXT NOT NULL DEFAULT 'CS_REGISTRATION_COMPLETED',
    activation_hash    BLOB,
    activation_tries   INTEGER NOT NULL DEFAULT 0,
    iban               TEXT NOT NULL DEFAULT '',
    wallet_id          TEXT NOT NULL DEFAULT '',
    created_at         INTEGER NOT NULL,
    UNIQUE (tenant_id, email)
);

CREATE TABLE finhub_sessions (
    token_hash      BLOB PRIMARY KEY,
    refresh_hash    BLOB NOT NULL UNIQUE,
    session_id      TEXT NOT NULL,
    customer_id     TEXT NOT NULL REFERENCES finhub_customers (id) ON DELETE CASCADE,
    expires_at      INTEGER NOT NULL,
    refresh_expires INTEGER NOT NULL
);

-- required: the document kinds still missing, comma-separated.
CREATE TABLE finhub_verifications (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES finhub_customers (id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    required    TEXT NOT NULL,
    auto_at     INTEGER NOT NULL DEFAULT 0,
    started_at  INTEGER NOT NULL
);
CREATE INDEX finhub_verifications_customer ON finhub_verifications (customer_id, started_at);

-- The documents' size and digest only: the sandbox keeps no file.
CREATE TABLE finhub_documents (
    id              TEXT PRIMARY KEY,
    verification_id TEXT NOT NULL REFERENCES finhub_verifications (id) ON DELETE CASCADE,
    document_type   TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    mime_type       TEXT NOT NULL,
    size            INTEGER NOT NULL,
    digest          BLOB NOT NULL,
    uploaded_at     INTEGER NOT NULL
);

CREATE TABLE finhub_consents (
    customer_id  TEXT NOT NULL REFERENCES finhub_customers (id) ON DELETE CASCADE,
    consent_type TEXT NOT NULL,
    version      TEXT NOT NULL,
    accepted_at  INTEGER NOT NULL,
    PRIMARY KEY (customer_id, consent_type)
);
