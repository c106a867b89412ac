package sandbox_test

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// writeV4 makes a sandbox.db at schema version 4 (before phones were
// unique within a partner) holding one consumer with a password, a live
// secret, an open KYC link, an email link, a refresh token and a message,
// written with the SQL of migrations 001 to 004 as an older onboard did.
func writeV4(t *testing.T, path string, now time.Time) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names, _ := filepath.Glob("migrations/00[1-4]_*.sql")
	if len(names) != 4 {
		t.Fatalf("migrations 001 to 004: found %v", names)
	}
	for _, name := range names {
		body, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	pw, _ := bcrypt.GenerateFromPassword([]byte("S3cure-pass!"), bcrypt.MinCost)
	at, later := now.Add(-time.Hour).UnixMilli(), now.Add(time.Hour).UnixMilli()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO consumers (id, partner, country_code, national_number, phone_digits, email, phone_validated,
			password_hash, terms_version, created_at, updated_at) VALUES ('c-1', ?, '33', '612345678', '33612345678',
			'ada@example.com', 1, ?, '1.0', ?, ?)`, []any{sandbox.DefaultPartnerName, pw, at, at}},
		{`INSERT INTO secrets (consumer_id, purpose, secret_hash, sent_at, expires_at) VALUES ('c-1', 'phone', x'00', ?, ?)`, []any{at, later}},
		{`INSERT INTO kyc (id, consumer_id, token, status, created_at, updated_at, expires_at)
			VALUES ('k-1', 'c-1', 'kyc-token', 'CREATED', ?, ?, ?)`, []any{at, at, later}},
		{`INSERT INTO email_links (token, consumer_id, email, sent_at, expires_at) VALUES ('mail-token', 'c-1', 'ada@example.com', ?, ?)`, []any{at, later}},
		{`INSERT INTO refresh_tokens (token_hash, subject, kind, partner, expires_at) VALUES (x'01', 'c-1', 'consumer', ?, ?)`, []any{sandbox.DefaultPartnerName, later}},
		{`INSERT INTO outbox (consumer_id, channel, recipient, text, secret, created_at) VALUES ('c-1', 'sms', '+33612345678', 'old', '123456', ?)`, []any{at}},
		{`PRAGMA user_version = 4`, nil},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("writing the version 4 database: %v", err)
		}
	}
}

// TestUpgradeToTenantPhones: a sandbox.db written before migration 005
// opens, upgrades to version 5 and loses nothing (the rebuilt consumers
// table keeps every row that refers to it); afterwards a phone is unique
// within a partner only.
func TestUpgradeToTenantPhones(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.db")
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) // sandboxtest's clock
	writeV4(t, path, now)
	env := sandboxtest.Start(t, sandbox.Options{DB: path, SessionPartners: true})

	login := map[string]any{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName, "password": "S3cure-pass!"}
	if st, out, _ := call(t, env, "POST", api+"login", "", login); st != 200 {
		t.Fatalf("the old consumer logs in: %d %v", st, out)
	}
	for _, page := range []string{"/sandbox/kyc/kyc-token", "/sandbox/email/mail-token"} {
		res, err := http.Get(env.HTTP.URL + page)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("%s after the upgrade: %d, want the old link to work", page, res.StatusCode)
		}
	}
	if msgs, err := env.Server.Outbox(context.Background(), "+33612345678", 0); err != nil || len(msgs) != 1 {
		t.Errorf("the old outbox: %v (%v), want its message", msgs, err)
	}
	same := consumerBody("33", "612345678", nil)
	if st, out, _ := call(t, env, "POST", api+"consumers", "", same); st != 409 || out["errorCode"] != "PHONE_ALREADY_USED" {
		t.Errorf("the same phone for the same partner: %d %v, want 409", st, out)
	}
	same["partnerName"] = sandbox.NewSessionPartner(sandbox.DefaultPartnerName)
	if st, out, _ := call(t, env, "POST", api+"consumers", "", same); st != 201 {
		t.Errorf("the same phone for another partner: %d %v, want 201", st, out)
	}
	env.HTTP.Close()
	if err := env.Server.Close(); err != nil {
		t.Fatal(err)
	}
	checkSchema(t, path)
}

// checkSchema: the latest version, no row refers to nothing, and the database
// itself refuses a second consumer with a partner's phone.
func checkSchema(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, _ := filepath.Glob("migrations/*.sql")
	pg, _ := filepath.Glob("migrations/*.pg.sql") // PostgreSQL's twins are no versions of their own
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != len(all)-len(pg) {
		t.Errorf("schema version %d (%v), want %d", version, err, len(all)-len(pg))
	}
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("rows refer to nothing after the upgrade")
	}
	rows.Close()
	_, err = db.Exec(`INSERT INTO consumers (id, partner, country_code, national_number, phone_digits, created_at, updated_at)
		VALUES ('c-2', ?, '33', '612345678', '33612345678', 0, 0)`, sandbox.DefaultPartnerName)
	if err == nil {
		t.Error("the database took a second consumer with the partner's phone")
	}
}
