-- Attempt counters that were kept in each process's memory, so that
-- several sandbox processes on one database count them once: a partner's
-- wrong passwords in a row and its lockout (linkcy_partner_lock.go), and
-- the phone-less secret guesses of each caller in its window
-- (linkcy_guesses.go). Times are Unix milliseconds, as everywhere.
CREATE TABLE partner_lockouts (
    partner      TEXT PRIMARY KEY, -- the lock's name (tenants.go, lockName)
    failed       INTEGER NOT NULL DEFAULT 0, -- wrong passwords in a row
    locked_until INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE secret_guesses (
    caller       TEXT PRIMARY KEY, -- "ip …", "partner …" or "consumer …"
    guesses      INTEGER NOT NULL DEFAULT 0,
    window_start INTEGER NOT NULL
);
CREATE INDEX secret_guesses_window ON secret_guesses (window_start);
