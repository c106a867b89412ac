-- FinHub's organisations (B2B; seed 004's eight phases). An organisation
-- is also a row of finhub_customers (FinHub's customers are individuals
-- or organisations), whose user is the person who registered it: its
-- sessions, its KYB (finhub_verifications) and its consents are the
-- individual tables'. Each person added gets an individual customer of
-- their own with a generated password (dual record creation), unless
-- their email address is a customer's already.
CREATE TABLE finhub_organizations (
    id                  TEXT PRIMARY KEY REFERENCES finhub_customers (id) ON DELETE CASCADE,
    legal_name          TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    country             TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'PENDING_VERIFICATION',
    iban                TEXT NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL
);

-- person_key: the email address, else the name, lower-cased. roles: the
-- employee roles, comma-separated; share: the percentage held.
CREATE TABLE finhub_org_people (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES finhub_organizations (id) ON DELETE CASCADE,
    person_key  TEXT NOT NULL,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    roles       TEXT NOT NULL DEFAULT '',
    director    INTEGER NOT NULL DEFAULT 0,
    shareholder INTEGER NOT NULL DEFAULT 0,
    share       REAL NOT NULL DEFAULT 0,
    added_at    INTEGER NOT NULL,
    UNIQUE (org_id, person_key)
);

-- The KYB documents' size and digest only; person_id '' is the company's.
CREATE TABLE finhub_org_documents (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES finhub_organizations (id) ON DELETE CASCADE,
    person_id     TEXT NOT NULL,
    document_type TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    mime_type     TEXT NOT NULL,
    size          INTEGER NOT NULL,
    digest        BLOB NOT NULL,
    uploaded_at   INTEGER NOT NULL
);
CREATE INDEX finhub_org_documents_org ON finhub_org_documents (org_id, person_id, document_type);

-- An organisation's consents name who accepted them, and when.
ALTER TABLE finhub_consents ADD COLUMN accepted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE finhub_consents ADD COLUMN accepted_date TEXT NOT NULL DEFAULT '';
