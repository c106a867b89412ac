-- LinkCy's strong customer authentication (onboard sandbox --sca): one row
-- per interaction a consumer update waits on. request is the digest of the
-- operation it approves (consumer and body), so that a replay with its id
-- can be told to be the same operation.
CREATE TABLE sca_interactions (
    id          TEXT PRIMARY KEY,
    consumer_id TEXT NOT NULL REFERENCES consumers(id) ON DELETE CASCADE,
    request     BLOB NOT NULL,
    join_code   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL, -- PENDING, APPROVED, DECLINED, CONSUMED
    created_at  INTEGER NOT NULL
);
CREATE INDEX sca_join ON sca_interactions (join_code);
