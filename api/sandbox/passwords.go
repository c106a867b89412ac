package sandbox

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// passwords hashes the passwords the sandbox stores and checks them: with
// bcrypt, or, for load tests (Options.FastPasswords), with salted SHA-256.
// A database may hold both kinds; each hash says which it is.
type passwords struct {
	cost int
	fast bool
}

// fastPrefix starts a salted SHA-256 hash: "$sha256$" salt "$" sum, both in
// unpadded base64.
const fastPrefix = "$sha256$"

// hash returns the hash to store for pw.
func (p passwords) hash(pw string) ([]byte, error) {
	if !p.fast {
		h, err := bcrypt.GenerateFromPassword([]byte(pw), p.cost)
		if err != nil {
			return nil, fmt.Errorf("sandbox: hashing the password: %w", err)
		}
		return h, nil
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("sandbox: salting the password: %w", err)
	}
	return fastHash(salt, pw), nil
}

// fastHash is pw salted and hashed the way secrets and tokens are (hash).
func fastHash(salt []byte, pw string) []byte {
	enc := base64.RawStdEncoding
	return []byte(fastPrefix + enc.EncodeToString(salt) + "$" + enc.EncodeToString(hash(string(salt), pw)))
}

// matches reports whether pw is the password stored as hash. An empty
// hash (no password set yet) matches nothing.
func (p passwords) matches(hash []byte, pw string) bool {
	if len(hash) == 0 {
		return false
	}
	rest, ok := bytes.CutPrefix(hash, []byte(fastPrefix))
	if !ok {
		return bcrypt.CompareHashAndPassword(hash, []byte(pw)) == nil
	}
	enc, _, ok := bytes.Cut(rest, []byte("$"))
	if !ok {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(string(enc))
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(hash, fastHash(salt, pw)) == 1
}

// checked is a password compared with the stored hash before the write
// transaction, on a reader, so that the one writer is not held while
// bcrypt works (about 60 ms at its default cost).
type checked struct {
	hash []byte
	ok   bool
}

// checkFirst reads the stored hash with lookup and compares pw with it. A
// lookup that fails gives an empty check: the transaction meets the same
// failure and answers it.
func (s *Server) checkFirst(ctx context.Context, pw string, lookup func(*tx) ([]byte, error)) checked {
	var h []byte
	err := s.st.read(ctx, func(t *tx) error {
		var err error
		h, err = lookup(t)
		return err
	})
	if err != nil || len(h) == 0 {
		return checked{}
	}
	return checked{hash: h, ok: s.pw.matches(h, pw)}
}

// matches reports whether pw is the password stored as hash, from the
// first check when hash is still the one it saw, and afresh when the
// password changed in between.
func (c checked) matches(p passwords, hash []byte, pw string) bool {
	if c.hash != nil && bytes.Equal(c.hash, hash) {
		return c.ok
	}
	return p.matches(hash, pw)
}
