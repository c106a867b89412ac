-- The partner's webhooks (webhooks.go): the endpoints, the events written
-- in the transaction of the change they tell of (so none is lost and none
-- invented on a rollback), and one delivery per event and endpoint, with
-- its attempts. subject is the consumer an event is about: deliveries to
-- one endpoint go in event order per subject.
CREATE TABLE webhook_endpoints (
    id         TEXT PRIMARY KEY,
    url        TEXT NOT NULL UNIQUE,
    secret     TEXT NOT NULL, -- whsec_…, the Standard Webhooks signing secret
    created_at INTEGER NOT NULL
);

CREATE TABLE webhook_events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE, -- msg_…, the webhook-id of every attempt
    type       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
    event_seq     INTEGER NOT NULL REFERENCES webhook_events (seq) ON DELETE CASCADE,
    endpoint_id   TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    subject       TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending', -- pending, delivered or failed (given up)
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER NOT NULL,          -- when the next attempt is due (real time, ms)
    leased_until  INTEGER NOT NULL DEFAULT 0, -- a process sending it holds it until then
    last_status   INTEGER NOT NULL DEFAULT 0, -- the last answer's HTTP status; 0 for none
    last_error    TEXT NOT NULL DEFAULT '',
    last_at       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_seq, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, subject, state, event_seq);
