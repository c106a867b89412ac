package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/internal/lazyregexp"
)

// A shared sandbox (Options.SessionPartners) serves one tenant per
// session: a partner named PartnerName-SUFFIX whose SUFFIX is
// SessionCapabilityBytes random bytes in hex. Knowing the name is the
// capability: it is what the LinkCy API, the outbox and the sandbox phone
// ask for, so it must never be guessable, nor written to a log (log
// TenantID instead). A phone number is unique within a partner (migration
// 005). Weavr and FinHub serve one tenant each per sandbox (one programme
// key and profile; one tenant id), so their rules (an email once per
// programme; once per tenant_id) are already within a tenant; sessions
// use LinkCy only, and a shared outbox never answers with their messages.

// SessionCapabilityBytes is how many random bytes a session partner's
// suffix carries: 128 bits.
const SessionCapabilityBytes = 16

// sessionSuffix is a session partner's suffix: exactly the hex of
// SessionCapabilityBytes bytes, so that a short, guessable name is never
// a tenant.
var sessionSuffix = lazyregexp.New(fmt.Sprintf(`^[0-9a-f]{%d}$`, 2*SessionCapabilityBytes))

// NewSessionPartner returns a fresh session partner of the sandbox whose
// partner is base, with its suffix drawn from crypto/rand.
func NewSessionPartner(base string) string {
	p, err := newSessionPartner(base, rand.Reader)
	if err != nil {
		panic(err) // crypto/rand.Reader never fails on supported platforms
	}
	return p
}

// newSessionPartner draws the suffix from random.
func newSessionPartner(base string, random io.Reader) (string, error) {
	var b [SessionCapabilityBytes]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("sandbox: drawing a session partner: %w", err)
	}
	return base + "-" + hex.EncodeToString(b[:]), nil
}

// isSessionPartner reports whether name is a session partner of base.
func isSessionPartner(base, name string) bool {
	suffix, ok := strings.CutPrefix(name, base+"-")
	return ok && sessionSuffix.MatchString(suffix)
}

// TenantID is a short, non-secret name for partner, for log lines: the
// first 6 hex characters of its SHA-256. It tells sessions apart in a log
// without giving anybody their capability.
func TenantID(partner string) string {
	sum := sha256.Sum256([]byte(partner))
	return hex.EncodeToString(sum[:3])
}

// outboxTenant is whose messages GET /sandbox/outbox?partner=… may read.
// A sandbox of one answers as it always has: the partner named, or
// everybody for none. A shared sandbox answers only a request that names
// a session partner, never the base partner's or everybody's messages,
// and never says whose name exists.
func (s *Server) outboxTenant(partner string) (string, error) {
	switch {
	case !s.opts.SessionPartners:
		return partner, nil
	case partner == "":
		return "", newErr(http.StatusForbidden, codeForbidden,
			"This sandbox is shared by sessions: add ?partner= with your session's partner name to read its messages.")
	case !s.isSession(partner):
		return "", newErr(http.StatusNotFound, codeNotFound,
			"No session has this partner name; use the one your session was given.")
	}
	return partner, nil
}

// consumerForPhone finds whose password secret was typed, from the phone
// a password change was told. With the partner (what onboard's client
// tells a sandbox) it is that partner's consumer. Without it, the phone
// alone decides when one consumer has it; when several partners'
// consumers share it, the secret says which, and a secret that matches
// none is a wrong try against each, so that sharing a number never buys
// a guesser more tries.
func (s *Server) consumerForPhone(t *tx, in changeIn) (*consumerRow, error) {
	digits := api.OnlyDigits(in.ConsumerPhone)
	invalid := newErr(http.StatusBadRequest, codeInvalidSecret, "This secret is not valid; ask for a new one.")
	if in.PartnerName != "" {
		c, err := t.consumer("partner = ? AND phone_digits = ?", in.PartnerName, digits)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, invalid
		}
		return c, err
	}
	ids, err := consumersWithPhone(t, digits)
	switch {
	case err != nil:
		return nil, err
	case len(ids) == 0:
		return nil, invalid
	case len(ids) == 1:
		return t.consumer("id = ?", ids[0])
	}
	for _, id := range ids {
		var h []byte
		err := t.row("SELECT secret_hash FROM secrets WHERE consumer_id = ? AND purpose = 'password' AND expires_at >= ?", id, unix(t.now)).Scan(&h)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("sandbox: reading a secret: %w", err)
		}
		if err == nil && subtle.ConstantTimeCompare(h, hash(id, "password", in.Secret)) == 1 {
			return t.consumer("id = ?", id)
		}
	}
	for _, id := range ids {
		var ae *apiError
		if err := checkSecret(t, id, "password", in.Secret, codeInvalidSecret); err != nil && !errors.As(err, &ae) {
			return nil, err
		}
	}
	return nil, &committedError{invalid}
}

// consumersWithPhone lists the ids of every partner's consumers with
// this phone, oldest first.
func consumersWithPhone(t *tx, digits string) ([]string, error) {
	rows, err := t.query("SELECT id FROM consumers WHERE phone_digits = ? ORDER BY created_at, id", digits)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sandbox: reading consumers by phone: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: reading consumers by phone: %w", err)
	}
	return ids, nil
}

// lockName is whose wrong partner passwords a login to partner counts
// against. Session partners share the base partner's password, so they
// share its count: a fresh session name is no fresh set of guesses, and
// guessing over many names keeps nothing per name.
func (s *Server) lockName(partner string) string {
	if s.isSession(partner) {
		return s.opts.PartnerName
	}
	return partner
}

// sharedChangeNamesItsTenant refuses, on a shared sandbox, a password
// change that does not name its partner and phone: without them the
// secret would be matched across tenants, and whoever can reach the
// sandbox could tell a session's number exists, or burn its secret with
// wrong guesses. The partner's name is its capability, so a change that
// names it can only reach that tenant.
func (s *Server) sharedChangeNamesItsTenant(in changeIn) error {
	if !s.opts.SessionPartners {
		return nil
	}
	switch {
	case in.PartnerName == "":
		return fieldErr(codeValidation, "partnerName", nil, "On a shared sandbox a password change names its partner: give partnerName (and consumerPhone).")
	case in.ConsumerPhone == "":
		return fieldErr(codeValidation, "consumerPhone", nil, "On a shared sandbox a password change names the consumer's phone: give consumerPhone.")
	}
	return nil
}
