package sandbox

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// FullScans returns the statements this server has run whose query plan
// reads a whole table or index, each with the plan's line that says so.
// A sandbox keeps every consumer it ever made, so such a statement gets
// slower with each one; tests call this (sandboxtest does after every
// test) to keep the per-request cost flat. The server must be idle; a
// closed one has nothing to report.
func (s *Server) FullScans(ctx context.Context) ([]string, error) {
	return s.st.fullScans(ctx)
}

// scanAllowed says whether a statement may read table whole: meta holds
// a few rows per sandbox, not one per consumer, and so does
// webhook_endpoints (the partner's few webhook URLs).
func scanAllowed(table string) bool { return table == "meta" || table == "webhook_endpoints" }

func (s *store) fullScans(ctx context.Context) ([]string, error) {
	select {
	case <-s.closed:
		return nil, nil
	default:
	}
	if s.pg != nil {
		return nil, nil // PostgreSQL plans its own way; SQLite's tests keep the statements indexed
	}
	seen := map[string]bool{}
	err := s.inTx(ctx, func(t *tx) error {
		for q := range t.c.stmts {
			seen[q] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if s.readers != nil {
		if err := s.readerStmts(ctx, seen); err != nil {
			return nil, err
		}
	}
	var out []string
	err = s.read(ctx, func(t *tx) error {
		for q := range seen {
			if !explainable(q) {
				continue
			}
			rows, err := t.c.c.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, make([]any, params(q))...)
			if err != nil {
				return fmt.Errorf("sandbox: explaining %q: %w", q, err)
			}
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					rows.Close()
					return fmt.Errorf("sandbox: explaining %q: %w", q, err)
				}
				if scans(detail) {
					out = append(out, strings.Join(strings.Fields(q), " ")+"\n\t"+detail)
				}
			}
			rows.Close()
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// readerStmts adds the statements of every reader to seen, holding them
// all until it has seen each.
func (s *store) readerStmts(ctx context.Context, seen map[string]bool) error {
	held := make([]*conn, 0, cap(s.readers))
	defer func() {
		for _, c := range held {
			s.readers <- c
		}
	}()
	for range cap(s.readers) {
		c, err := s.takeReader(ctx)
		if err != nil {
			return err
		}
		held = append(held, c)
		for q := range c.stmts {
			seen[q] = true
		}
	}
	return nil
}

// explainable says whether q is a statement with a plan (not BEGIN,
// COMMIT or ROLLBACK).
func explainable(q string) bool {
	switch strings.ToUpper(verb(q)) {
	case "SELECT", "INSERT", "UPDATE", "DELETE":
		return true
	}
	return false
}

// params counts q's parameters: "?N" is parameter N, and a bare "?" the
// one after the highest before it. The sandbox's SQL has no "?" inside a
// string.
func params(q string) int {
	n := 0 // as SQLite numbers them: a bare ? is one more than the highest before it
	for i := 0; i < len(q); i++ {
		if q[i] != '?' {
			continue
		}
		j := i + 1
		for j < len(q) && q[j] >= '0' && q[j] <= '9' {
			j++
		}
		if j == i+1 {
			n++
			continue
		}
		k, _ := strconv.Atoi(q[i+1 : j])
		n = max(n, k)
		i = j - 1
	}
	return n
}

// scans says whether a plan line reads a whole table or index: "SCAN t",
// or "SEARCH t" with no index to search (SQLite's words for MAX(x) with
// a WHERE it has no index for).
func scans(detail string) bool {
	verb, rest, _ := strings.Cut(detail, " ")
	fields := strings.Fields(rest)
	if len(fields) == 0 || scanAllowed(fields[0]) {
		return false
	}
	switch verb {
	case "SCAN":
		return fields[0] != "CONSTANT"
	case "SEARCH":
		return !strings.Contains(rest, " USING ")
	}
	return false
}
