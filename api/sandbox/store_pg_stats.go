package sandbox

import (
	"database/sql"
	"sync/atomic"
)

// TxStats counts a sandbox's transactions on PostgreSQL since it
// started, by kind, and those PostgreSQL refused for another one
// (pgConflict) and that were run again or given up: what a transaction
// costs the database, per onboarding, is read from them (bench/pg_test.go).
// On SQLite they stay zero.
type TxStats struct {
	// Serializable counts the write transactions (inTx), ReadCommitted
	// the deliverer's (inTxRC), ReadOnly the read transactions (read);
	// each run once, committed or not.
	Serializable, ReadCommitted, ReadOnly int64
	// Refused and RefusedRC count the runs among the Serializable and
	// the ReadCommitted ones that PostgreSQL refused.
	Refused, RefusedRC int64
}

// txCounts is the store's running TxStats.
type txCounts struct {
	serializable, readCommitted, readOnly, refused, refusedRC atomic.Int64
}

// count counts one run of a transaction with opts that ended with err.
func (c *txCounts) count(opts *sql.TxOptions, err error) {
	refused := err != nil && pgConflict(err)
	switch {
	case opts.ReadOnly:
		c.readOnly.Add(1)
	case opts.Isolation == sql.LevelReadCommitted:
		c.readCommitted.Add(1)
		if refused {
			c.refusedRC.Add(1)
		}
	default:
		c.serializable.Add(1)
		if refused {
			c.refused.Add(1)
		}
	}
}

// TxStats returns the Server's transaction counts on PostgreSQL.
func (s *Server) TxStats() TxStats {
	c := &s.st.txs
	return TxStats{Serializable: c.serializable.Load(), ReadCommitted: c.readCommitted.Load(),
		ReadOnly: c.readOnly.Load(), Refused: c.refused.Load(), RefusedRC: c.refusedRC.Load()}
}
