package flow

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// Progress is what survives a quit: where the run stands, never a secret
// (no password, SMS secret or token).
type Progress struct {
	Version    int    `json:"version"`
	Provider   string `json:"provider"`
	ConsumerID string `json:"consumerId,omitempty"`
	// UserID and Category are FinHub's: the login user, and the customer
	// category picked before registering.
	UserID          string    `json:"userId,omitempty"`
	Category        string    `json:"category,omitempty"`
	CallingCode     string    `json:"callingCode,omitempty"`
	NationalNumber  string    `json:"nationalNumber,omitempty"`
	Email           string    `json:"email,omitempty"`
	Step            string    `json:"step"`
	TermsVersion    string    `json:"termsVersion,omitempty"`
	TermsAcceptedAt time.Time `json:"termsAcceptedAt,omitzero"`
	Registered      bool      `json:"registered,omitempty"`
	// CreateUnanswered: the last create lost its answer (State's).
	CreateUnanswered bool `json:"createUnanswered,omitempty"`
	PasswordSet      bool `json:"passwordSet,omitempty"`
	// PasswordUnanswered: setting the password lost its answer (State's).
	PasswordUnanswered bool `json:"passwordUnanswered,omitempty"`
	// PhoneChanged: the number was changed and its code is still due (State's).
	PhoneChanged bool `json:"phoneChanged,omitempty"`
	// When the last SMS secret, email and SMS code went out: a run
	// resumed within the resend cooldown waits for that one instead of
	// asking for another the provider would refuse. Times, not secrets.
	SecretSentAt    time.Time `json:"secretSentAt,omitzero"`
	EmailSentAt     time.Time `json:"emailSentAt,omitzero"`
	PhoneCodeSentAt time.Time `json:"phoneCodeSentAt,omitzero"`
	StartedAt       time.Time `json:"startedAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

const progressVersion = 1

// ErrCorruptProgress means the progress file could not be read; it was set
// aside and the run starts afresh (the provider still knows the consumer).
var ErrCorruptProgress error = Say("the saved progress could not be read")

// ProgressPath is the progress file for one provider endpoint under dir.
// target names the endpoint ("embedded" for the built-in sandbox, or the
// API URL and partner).
func ProgressPath(dir, provider, target string) string {
	h := sha256.Sum256([]byte(target))
	return filepath.Join(dir, fmt.Sprintf("progress-%s-%s.json", provider, hex.EncodeToString(h[:4])))
}

// ProgressOf extracts the savable part of st.
func ProgressOf(provider string, st State, step Step, started, now time.Time) Progress {
	return Progress{Version: progressVersion, Provider: provider, ConsumerID: st.ConsumerID, UserID: st.UserID, Category: st.Category,
		CallingCode: st.Phone.CallingCode, NationalNumber: st.Phone.National, Email: st.Email, Step: step.String(),
		TermsVersion: st.AcceptedTerms, TermsAcceptedAt: st.TermsAcceptedAt, Registered: st.Registered, CreateUnanswered: st.CreateUnanswered,
		PasswordSet: st.PasswordSet, PasswordUnanswered: st.PasswordUnanswered, PhoneChanged: st.PhoneChanged && !st.PhoneVerified, SecretSentAt: st.SecretSentAt, EmailSentAt: st.EmailSentAt, PhoneCodeSentAt: st.PhoneCodeSentAt,
		StartedAt: started, UpdatedAt: now}
}

// Restore turns saved progress back into a State to resume from.
func (p Progress) Restore(st State) State {
	st.ConsumerID, st.UserID = p.ConsumerID, p.UserID
	if p.Category != "" && st.Category == "" {
		st.Category = p.Category
	}
	st.Phone = api.Phone{CallingCode: p.CallingCode, National: p.NationalNumber}
	if p.Email != "" && st.Email == "" {
		st.Email = p.Email
	}
	st.AcceptedTerms, st.TermsAcceptedAt = p.TermsVersion, p.TermsAcceptedAt
	st.TermsAccepted = p.TermsVersion != ""
	st.Registered = p.Registered || p.ConsumerID != ""
	st.CreateUnanswered = p.CreateUnanswered
	st.PasswordSet, st.PasswordUnanswered, st.PhoneChanged = p.PasswordSet, p.PasswordUnanswered, p.PhoneChanged
	st.SecretSentAt, st.EmailSentAt, st.PhoneCodeSentAt = p.SecretSentAt, p.EmailSentAt, p.PhoneCodeSentAt
	// Progress is saved as a step starts: the run that stopped there may
	// have sent its message after the save, so a "too soon" for it now
	// means that message is on its way (State.SentTooSoon).
	if step, ok := ParseStep(p.Step); ok {
		st.SendsUnanswered |= MessageOf(step)
	}
	return st
}

// LoadProgress reads a progress file. A missing file gives (zero, false,
// nil). A corrupt one is renamed aside and reported with ErrCorruptProgress,
// never fatal. An empty path keeps no progress (a demo): nothing is read.
func LoadProgress(path string) (Progress, bool, error) {
	if path == "" {
		return Progress{}, false, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Progress{}, false, nil
	}
	if err != nil {
		return Progress{}, false, fmt.Errorf("reading %s: %w", path, err)
	}
	var p Progress
	if err := json.Unmarshal(data, &p); err != nil || p.Version != progressVersion || p.Step == "" {
		aside := path + ".corrupt-" + time.Now().UTC().Format("20060102T150405")
		if rerr := os.Rename(path, aside); rerr != nil {
			return Progress{}, false, sayWrapping(ErrCorruptProgress, "the saved progress could not be read (and it could not be moved aside: %s)", rerr.Error())
		}
		return Progress{}, false, sayWrapping(ErrCorruptProgress, "the saved progress could not be read; it was moved to %s", aside)
	}
	return p, true, nil
}

// SaveProgress writes p atomically (a temporary file renamed over the old
// one) with mode 0600 in a 0700 folder. An empty path writes nothing.
func SaveProgress(path string, p Progress) error {
	if path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("saving progress: %w", err)
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("saving progress: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".progress-*.tmp")
	if err != nil {
		return fmt.Errorf("saving progress: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this is a no-op
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("saving progress: %w", err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("saving progress: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("saving progress: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("saving progress: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("saving progress: %w", err)
	}
	return nil
}

// RemoveProgress deletes the progress file once onboarding is complete.
// An empty path has none.
func RemoveProgress(path string) error {
	if path == "" {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing progress: %w", err)
	}
	return nil
}
