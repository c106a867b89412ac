// Command headlessfloor is the least a headless onboarding can be under
// onboard's own rules (a real HTTP server, real SQLite, passwords hashed
// with bcrypt): it opens an in-memory SQLite database, serves a JSON API
// on a loopback port, and makes the ten calls of a LinkCy onboarding
// through one keep-alive connection, each a transaction, then prints a
// one-line summary; with --version it only starts and prints its name.
// BenchmarkHeadless runs it beside onboard's headless run and
// bench/hello, so that the part of the time no implementation avoids is
// measured in the same run (bench/RESULTS.md).
package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"golang.org/x/crypto/bcrypt"
	_ "modernc.org/sqlite" // database/sql's "sqlite" driver
)

const schema = `
CREATE TABLE consumers (id INTEGER PRIMARY KEY, phone TEXT NOT NULL UNIQUE, email TEXT NOT NULL,
	password BLOB, kyc TEXT NOT NULL DEFAULT 'NONE', email_verified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE outbox (id INTEGER PRIMARY KEY, consumer INTEGER NOT NULL REFERENCES consumers(id), body TEXT NOT NULL);`

// call is one step of the onboarding: a method, a path and a statement
// run in a transaction of its own.
type call struct {
	method, path, stmt string
	hash, check        bool // bcrypt the password first, or compare it
}

var calls = []call{
	{"GET", "/terms", "SELECT 1", false, false},
	{"POST", "/consumers", "INSERT INTO consumers (phone, email) VALUES ('+33612345678', 'ada@example.com')", false, false},
	{"POST", "/sms", "INSERT INTO outbox (consumer, body) VALUES (1, '123456')", false, false},
	{"GET", "/outbox", "SELECT body FROM outbox WHERE consumer = 1", false, false},
	{"POST", "/password", "UPDATE consumers SET password = ? WHERE id = 1", true, false},
	{"POST", "/login", "SELECT password FROM consumers WHERE id = 1", false, true},
	{"POST", "/kyc", "UPDATE consumers SET kyc = 'PENDING' WHERE id = 1", false, false},
	{"POST", "/kyc/approve", "UPDATE consumers SET kyc = 'APPROVED' WHERE id = 1", false, false},
	{"POST", "/email", "UPDATE consumers SET email_verified = 1 WHERE id = 1", false, false},
	{"GET", "/consumers/1", "SELECT kyc FROM consumers WHERE id = 1", false, false},
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" { // its start alone, as onboard --version
		fmt.Println("headlessfloor")
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "headlessfloor:", err)
		os.Exit(1)
	}
}

func run() error {
	db, err := sql.Open("sqlite", "file::memory:?_pragma=foreign_keys(1)")
	if err != nil {
		return fmt.Errorf("opening the database: %w", err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(schema); err != nil {
		return fmt.Errorf("creating the schema: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	mux := http.NewServeMux()
	for _, c := range calls {
		mux.HandleFunc(c.method+" "+c.path, handler(db, c))
	}
	go func() { _ = http.Serve(ln, mux) }()
	base := "http://" + ln.Addr().String()
	var last map[string]string
	for _, c := range calls {
		if last, err = do(c, base); err != nil {
			return err
		}
	}
	out, _ := json.Marshal(map[string]any{"consumerId": "1", "onboarded": last["value"] == "APPROVED"})
	fmt.Println(string(out))
	return nil
}

// handler answers c: it reads the JSON body, runs c's statement in a
// transaction and answers the value it read, as JSON.
func handler(db *sql.DB, c call) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Password string }
		_ = json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&in)
		value, err := transact(db, c, in.Password)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"value": value})
	}
}

// transact runs c's statement in a transaction of its own.
func transact(db *sql.DB, c call, password string) (string, error) {
	tx, err := db.Begin()
	if err != nil {
		return "", fmt.Errorf("%s: %w", c.path, err)
	}
	defer func() { _ = tx.Rollback() }()
	var value string
	switch {
	case c.hash:
		h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
		if err == nil {
			_, err = tx.Exec(c.stmt, h)
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", c.path, err)
		}
	case c.method == "GET" || c.check:
		var got []byte
		if err := tx.QueryRow(c.stmt).Scan(&got); err != nil {
			return "", fmt.Errorf("%s: %w", c.path, err)
		}
		if c.check && bcrypt.CompareHashAndPassword(got, []byte(password)) != nil {
			return "", fmt.Errorf("%s: wrong password", c.path)
		}
		value = string(got)
	default:
		if _, err := tx.Exec(c.stmt); err != nil {
			return "", fmt.Errorf("%s: %w", c.path, err)
		}
	}
	return value, tx.Commit()
}

// do makes call c against base and decodes its answer.
func do(c call, base string) (map[string]string, error) {
	body, _ := json.Marshal(map[string]string{"password": "S3cure-pass!"})
	req, err := http.NewRequest(c.method, base+c.path, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return nil, fmt.Errorf("%s: %s: %s", c.path, resp.Status, msg)
	}
	var out map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("%s: %w", c.path, err)
	}
	return out, nil
}
