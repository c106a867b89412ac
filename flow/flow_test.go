package flow

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nyaruka/phonenumbers"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
)

var now = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func TestNextResumesAtTheFirstUnfinishedStep(t *testing.T) {
	live := api.Session{Token: "t", ExpiresAt: now.Add(10 * time.Minute)}
	expired := api.Session{Token: "t", ExpiresAt: now.Add(-time.Second)}
	tests := []struct {
		name string
		st   State
		want Step
	}{
		{"nothing yet", State{}, StepTerms},
		{"terms accepted", State{TermsAccepted: true}, StepRegister},
		{"known phone (409)", State{TermsAccepted: true, Registered: true}, StepCredentials},
		{"consumer created", State{TermsAccepted: true, ConsumerID: "c1"}, StepCredentials},
		{"password set, no session", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true}, StepLogin},
		{"session lapsed, refreshable", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: api.Session{Token: "t", RefreshToken: "r", ExpiresAt: now.Add(-time.Second)}}, StepKYC},
		{"session expired", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: expired}, StepLogin},
		{"logged in", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: live}, StepKYC},
		{"KYC pending", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: live, KYCStatus: api.KYCPendingReview}, StepKYC},
		{"KYC declined", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: live, KYCStatus: api.KYCDeclined}, StepKYC},
		{"KYC approved, email unverified", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: live, KYCStatus: api.KYCApproved}, StepEmail},
		{"terms outdated after login", State{TermsAccepted: false, ConsumerID: "c1", PasswordSet: true, Session: live, KYCStatus: api.KYCApproved, EmailVerified: true}, StepTerms},
		{"everything", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: live, KYCStatus: api.KYCApproved, EmailVerified: true}, StepDone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LinkCyPlan().Next(tt.st, now); got != tt.want {
				t.Fatalf("Next = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestApplySnapshot(t *testing.T) {
	st := State{}.Apply(api.Snapshot{ConsumerID: "c1", PhoneValidated: true, PasswordSet: true, TermsAccepted: false, KYC: api.KYCProcessing, Email: "a@b.co", EmailVerified: true})
	if !st.Registered || !st.PasswordSet || !st.PhoneVerified || st.TermsAccepted || st.KYCStatus != api.KYCProcessing || !st.EmailVerified || st.Email != "a@b.co" {
		t.Fatalf("apply = %+v", st)
	}
	// A verified mobile (Weavr's OTP) says nothing about a password.
	if st := (State{}).Apply(api.Snapshot{ConsumerID: "c1", PhoneValidated: true}); st.PasswordSet || !st.PhoneVerified {
		t.Fatalf("Apply(mobile verified) = PasswordSet %v PhoneVerified %v, want false true", st.PasswordSet, st.PhoneVerified)
	}
}

// TestWeavrPlan walks Weavr's order: the email code comes before the
// mobile code, and both before the KYC (Weavr refuses a KYC with an
// unverified email).
func TestWeavrPlan(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	live := api.Session{Token: "t", ExpiresAt: now.Add(5 * time.Minute)}
	base := State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true, Session: live}
	with := func(f func(*State)) State { st := base; f(&st); return st }
	tests := []struct {
		name string
		st   State
		want Step
	}{
		{"fresh", State{}, StepTerms},
		{"terms accepted", State{TermsAccepted: true}, StepRegister},
		{"registered", State{TermsAccepted: true, ConsumerID: "c1"}, StepCredentials},
		{"password set, no session", State{TermsAccepted: true, ConsumerID: "c1", PasswordSet: true}, StepLogin},
		{"session lapsed, no refresh token", with(func(s *State) { s.Session.ExpiresAt = now.Add(-time.Second) }), StepLogin},
		{"logged in", base, StepEmailCode},
		{"email verified", with(func(s *State) { s.EmailVerified = true }), StepPhoneCode},
		{"mobile verified first", with(func(s *State) { s.PhoneVerified = true }), StepEmailCode},
		{"both verified", with(func(s *State) { s.EmailVerified, s.PhoneVerified = true, true }), StepKYC},
		{"kyc under review", with(func(s *State) { s.EmailVerified, s.PhoneVerified, s.KYCStatus = true, true, api.KYCPendingReview }), StepKYC},
		{"everything", with(func(s *State) { s.EmailVerified, s.PhoneVerified, s.KYCStatus = true, true, api.KYCApproved }), StepDone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WeavrPlan().Next(tt.st, now); got != tt.want {
				t.Fatalf("Next = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseBirthDate(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		in, want, err string
	}{
		{"1990-12-31", "1990-12-31", ""},
		{" 31/12/1990 ", "1990-12-31", ""},
		{"05/05/1990", "1990-05-05", ""},
		{"01/02/1990", "", "01/02/1990 could be 1 February or 2 January; type it as year-month-day: 1990-02-01 or 1990-01-02"},
		{"1/2/1990", "", "could be 1 February or 2 January"},
		{"31.12.1990", "1990-12-31", ""},
		{"2008-11-21", "2008-11-21", ""},
		{"2008-11-22", "", "18 or over"},
		{"1899-01-01", "", "1900"},
		{"1990-02-30", "", "not a date"},
		{"yesterday", "", "not a date"},
		{"", "", "type your date of birth"},
	}
	for _, tt := range tests {
		d, err := ParseBirthDate(tt.in, now)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseBirthDate(%q) error = %v, want one saying %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseBirthDate(%q) = %s, %v; want %s", tt.in, d, err, tt.want)
		}
	}
}

func TestValidateCountry(t *testing.T) {
	for in, ok := range map[string]bool{"FR": true, "GB": true, "fr": false, "XX": false, "FRA": false, "": false} {
		if err := ValidateCountry(in); (err == nil) != ok {
			t.Errorf("ValidateCountry(%q) = %v, want ok=%v", in, err, ok)
		}
	}
}

func TestStepNames(t *testing.T) {
	for s := StepTerms; s <= StepDone; s++ {
		got, ok := ParseStep(s.String())
		if !ok || got != s {
			t.Errorf("ParseStep(%q) = %v, %v", s.String(), got, ok)
		}
	}
}

func TestParsePhone(t *testing.T) {
	codes := assets.CallingCodes()
	tests := []struct {
		in, region string
		e164       string
		gotRegion  string
		err        error
	}{
		{"+33 6 12 34 56 78", "", "+33612345678", "FR", nil},
		{"0033612345678", "", "+33612345678", "FR", nil},
		{"06 12 34 56 78", "FR", "+33612345678", "FR", nil},
		{"06-12-34-56-78", "FR", "+33612345678", "FR", nil},
		{"33612345678", "", "+33612345678", "FR", nil},
		{"+44 7400 123456", "", "+447400123456", "GB", nil},
		{"07400 123456", "GB", "+447400123456", "GB", nil},
		{"+44 7911 123456", "", "+447911123456", "GG", nil}, // a Guernsey range: the number's own region
		{"07781 123456", "GG", "+447781123456", "GG", nil},
		{"+1 202 555 0143", "", "+12025550143", "US", nil},
		{"(416) 555-0123", "CA", "+14165550123", "CA", nil},
		{"+49 151 12345678", "", "+4915112345678", "DE", nil},
		{"+33 (0)6 12 34 56 78", "", "+33612345678", "FR", nil},
		{"", "FR", "", "", ErrPhoneEmpty},
		{"06 12 AB", "FR", "", "", ErrPhoneNotNumber},
		{"+33 1 23", "", "", "", ErrPhoneInvalid},
		{"0612", "FR", "", "", ErrPhoneInvalid},
		{"06 12 34 56 78", "", "", "", ErrPhoneNoCountry},
		{"+247 6 1234", "", "", "", ErrPhoneUnsupported}, // Ascension: +247 is not in LinkCy's list
	}
	for _, tt := range tests {
		p, err := ParsePhone(tt.in, tt.region, codes)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("ParsePhone(%q, %s) err = %v, want %v", tt.in, tt.region, err, tt.err)
			}
			continue
		}
		if err != nil || p.E164() != tt.e164 || p.Region != tt.gotRegion {
			t.Errorf("ParsePhone(%q, %s) = %s %s, %v; want %s %s", tt.in, tt.region, p.E164(), p.Region, err, tt.e164, tt.gotRegion)
		}
	}
}

// TestEveryCallingCode: for every seed-000 calling code that is a country
// code, an example mobile (or fixed) number of each of its regions parses,
// typed nationally, into that code.
func TestEveryCallingCode(t *testing.T) {
	codes := assets.CallingCodes()
	if len(codes) != 233 {
		t.Fatalf("%d calling codes, want the 233 of LinkCy's list", len(codes))
	}
	checked := 0
	for _, c := range codes {
		n, _ := strconv.Atoi(c)
		for _, region := range phonenumbers.GetRegionCodesForCountryCode(n) {
			ex := phonenumbers.GetExampleNumberForType(region, phonenumbers.MOBILE)
			if ex == nil {
				ex = phonenumbers.GetExampleNumber(region)
			}
			if ex == nil {
				continue
			}
			intl := phonenumbers.Format(ex, phonenumbers.INTERNATIONAL)
			p, err := ParsePhone(intl, region, codes)
			if err != nil || p.CallingCode != c {
				t.Errorf("+%s %s: ParsePhone(%q) = %+v, %v", c, region, intl, p, err)
			}
			nat := phonenumbers.Format(ex, phonenumbers.NATIONAL)
			if back, err := phonenumbers.Parse(nat, region); err != nil || !phonenumbers.IsValidNumber(back) {
				continue // the library cannot read its own national format here (Argentina's "15")
			}
			if p2, err := ParsePhone(nat, region, codes); err != nil || p2.E164() != p.E164() {
				t.Errorf("+%s %s: national %q = %+v, %v", c, region, nat, p2, err)
			}
			checked++
		}
	}
	if checked < 200 {
		t.Fatalf("only %d regions checked", checked)
	}
}

func TestCountries(t *testing.T) {
	cs := Countries(assets.CallingCodes(), "en")
	byRegion := map[string]Country{}
	for _, c := range cs {
		byRegion[c.Region] = c
	}
	if byRegion["FR"].Name != "France" || byRegion["FR"].CallingCode != "33" || byRegion["GG"].CallingCode != "44" || byRegion["CA"].CallingCode != "1" {
		t.Fatalf("countries: FR %+v GG %+v CA %+v", byRegion["FR"], byRegion["GG"], byRegion["CA"])
	}
	if _, ok := byRegion["TW"]; !ok {
		t.Fatal("Taiwan (+886 is in LinkCy's list) is missing")
	}
	if _, ok := byRegion["AC"]; ok {
		t.Fatal("Ascension (+247 is not in LinkCy's list) is offered")
	}
	fr := Countries(assets.CallingCodes(), "fr")
	for _, c := range fr {
		if c.Region == "DE" && c.Name != "Allemagne" {
			t.Fatalf("DE in French = %q", c.Name)
		}
	}
	matches := func(f string) (n int) {
		for _, c := range cs {
			if c.Match(f) {
				n++
			}
		}
		return n
	}
	if matches("curacao") != 1 || matches("reunion") != 1 || matches("sao tome") != 1 {
		t.Fatalf("accents: curacao %d, reunion %d, sao tome %d", matches("curacao"), matches("reunion"), matches("sao tome"))
	}
	if matches("+44") < 4 || matches("fra") < 1 || matches("united") < 2 || matches("") != len(cs) || matches("zzz") != 0 {
		t.Fatalf("filter: +44 %d, fra %d, united %d", matches("+44"), matches("fra"), matches("united"))
	}
}

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"+33 6 12 34 56 78": "+33 6 •• •• •• 78",
		"+44 7911 123456":   "+44 7••• ••••56",
		"+1 202-555-0143":   "+1 2••-•••-••43",
	} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidators(t *testing.T) {
	for in, want := range map[string]string{"123456": "123456", "123 456": "123456", " 123-456\n": "123456"} {
		if got, err := NormalizeSecret(in); err != nil || got != want {
			t.Errorf("NormalizeSecret(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "12345", "1234567", "12a456"} {
		if _, err := NormalizeSecret(bad); err == nil {
			t.Errorf("NormalizeSecret(%q) accepted", bad)
		}
	}
	phone := api.Phone{CallingCode: "33", National: "612345678"}
	if err := ValidatePassword("S3cure-pass!", "S3cure-pass!", phone); err != nil {
		t.Error(err)
	}
	if err := ValidatePassword("S3cure-pass!", "S3cure-pass?", phone); err == nil {
		t.Error("different confirmation accepted")
	}
	if err := ValidatePassword("x612345678!", "x612345678!", phone); err == nil {
		t.Error("password holding the phone accepted")
	}
	for _, ok := range []string{"ada@example.com", "a.b+c@sub.example.fr"} {
		if err := ValidateEmail(ok); err != nil {
			t.Errorf("ValidateEmail(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ada", "ada@", "@example.com", "ada@localhost", "Ada <ada@example.com>", "grace@example"} {
		err := ValidateEmail(bad)
		if err == nil {
			t.Errorf("ValidateEmail(%q) accepted", bad)
		} else if strings.Contains(err.Error(), "ada@") || strings.Contains(err.Error(), "grace@") {
			t.Errorf("ValidateEmail(%q) = %v: it offers an address", bad, err)
		}
	}
	for _, ok := range []string{"", "Zoë", "Müller-Ørsted", "O'Brien"} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("ValidateName(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"Иван", "Łukasz", "😀"} {
		if err := ValidateName(bad); err == nil {
			t.Errorf("ValidateName(%q) accepted", bad)
		}
	}
}

func TestPolicy(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		n          int
		retryAfter time.Duration
		rnd        float64
		want       time.Duration
	}{
		{0, 0, 0.5, time.Second},
		{1, 0, 0.5, 1500 * time.Millisecond},
		{2, 0, 0.5, 2 * time.Second}, // brisk: a person is likely acting
		{149, 0, 0.5, 2 * time.Second},
		{150, 0, 0.5, 10 * time.Second}, // then backing off
		{160, 0, 0.5, 10 * time.Second},
		{0, 0, 0, 800 * time.Millisecond},                                 // −20 %
		{160, 0, 0.999999, 12 * time.Second},                              // +20 % (rounded below)
		{0, 30 * time.Second, 0, 30 * time.Second},                        // Retry-After wins
		{0, 30 * time.Second, 0.5, 30*time.Second + 100*time.Millisecond}, // …with a little spread
	}
	for _, tt := range tests {
		got := p.Delay(tt.n, tt.retryAfter, tt.rnd)
		if d := got - tt.want; d < -time.Millisecond || d > time.Millisecond {
			t.Errorf("Delay(%d, %v, %v) = %v, want %v", tt.n, tt.retryAfter, tt.rnd, got, tt.want)
		}
	}
	if !p.Expired(now, now.Add(30*time.Minute)) || p.Expired(now, now.Add(29*time.Minute)) {
		t.Error("deadline")
	}
}

func TestProgressFile(t *testing.T) {
	dir := t.TempDir()
	path := ProgressPath(dir, "linkcy", "embedded")
	if _, ok, err := LoadProgress(path); ok || err != nil {
		t.Fatalf("missing file: %v %v", ok, err)
	}
	st := State{ConsumerID: "c1", Phone: api.Phone{CallingCode: "33", National: "612345678"}, AcceptedTerms: "1.0",
		TermsAccepted: true, Registered: true, PasswordSet: true, Email: "ada@example.com",
		Session:      api.Session{Token: "canary-token", RefreshToken: "canary-refresh"},
		SecretSentAt: now.Add(-10 * time.Second), EmailSentAt: now.Add(-time.Minute), PhoneCodeSentAt: now.Add(-time.Hour)}
	if err := SaveProgress(path, ProgressOf("linkcy", st, StepKYC, now, now)); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, %v; want 0600", info.Mode(), err)
	}
	data, _ := os.ReadFile(path)
	for _, secret := range []string{"canary-token", "canary-refresh"} {
		if strings.Contains(string(data), secret) {
			t.Fatalf("the progress file holds %s", secret)
		}
	}
	p, ok, err := LoadProgress(path)
	if !ok || err != nil || p.Step != "kyc" {
		t.Fatalf("load: %+v %v %v", p, ok, err)
	}
	back := p.Restore(State{})
	if back.ConsumerID != "c1" || back.Phone != st.Phone || !back.PasswordSet || !back.TermsAccepted || back.Session.Token != "" ||
		!back.SecretSentAt.Equal(st.SecretSentAt) || !back.EmailSentAt.Equal(st.EmailSentAt) || !back.PhoneCodeSentAt.Equal(st.PhoneCodeSentAt) {
		t.Fatalf("restore = %+v", back)
	}
	if LinkCyPlan().Next(back, now) != StepLogin {
		t.Fatal("a restored run must log in again (tokens are not saved)")
	}
	// A corrupt file is set aside, never fatal.
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := LoadProgress(path); ok || !errors.Is(err, ErrCorruptProgress) {
		t.Fatalf("corrupt: %v %v", ok, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the corrupt file was not moved aside")
	}
	if m, _ := filepath.Glob(path + ".corrupt-*"); len(m) != 1 {
		t.Fatalf("set-aside files: %v", m)
	}
}

// TestNoProgressPath: a demo keeps no progress; "" reads, writes and
// removes nothing (it would otherwise be a file named "" in the cwd).
func TestNoProgressPath(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := SaveProgress("", Progress{Step: "kyc"}); err != nil {
		t.Fatal(err)
	}
	if p, ok, err := LoadProgress(""); ok || err != nil || p.Step != "" {
		t.Fatalf("load: %+v %v %v", p, ok, err)
	}
	if err := RemoveProgress(""); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir("."); len(left) != 0 {
		t.Fatalf("files written: %v", left)
	}
}

// TestExplain: each kind of failure gets its own sentence with what to
// do next; only the unknown ones are told to retry and send a debug log.
func TestExplain(t *testing.T) {
	weavr := api.Needs{LoginByEmail: true}
	for _, tc := range []struct {
		err   error
		needs api.Needs
		want  string
	}{
		{&api.Error{Kind: api.KindUnavailable}, api.Needs{}, "check your connection"},
		{&api.Error{Kind: api.KindRateLimited, RetryAfter: 12 * time.Second}, api.Needs{}, "try again in 12 s"},
		{&api.Error{Kind: api.KindPhoneTaken}, api.Needs{}, "log in, or set a new password by SMS"},
		{&api.Error{Kind: api.KindNotFound, Message: "No consumer with this phone number; create the consumer first."}, api.Needs{}, "check the number, or register it"},
		{&api.Error{Kind: api.KindUnknown, Message: "boom\x1b[31m"}, api.Needs{}, "run onboard with --debug FILE"},
		{ErrLoginNeeded, api.Needs{}, "log in again"},
		{&api.Error{Kind: api.KindUnauthorized}, api.Needs{}, "the phone number or the password is wrong"},
		{&api.Error{Kind: api.KindUnauthorized}, weavr, "the email address or the password is wrong; check both"},
		{&api.Error{Kind: api.KindPhoneTaken}, weavr, "this email address is already registered; log in"},
		{&api.Error{Kind: api.KindNotFound}, weavr, "no account with this email address"},
	} {
		got := Explain(tc.err, tc.needs)
		if !strings.Contains(got, tc.want) || strings.ContainsRune(got, 0x1b) {
			t.Errorf("Explain(%v) = %q, want it to say %q (and no escape)", tc.err, got, tc.want)
		}
	}
}

func TestExplainKYCCoversEveryStatus(t *testing.T) {
	for _, s := range []api.KYCStatus{api.KYCNotStarted, api.KYCCreated, api.KYCProcessing, api.KYCPendingReview, api.KYCApproved, api.KYCDeclined, api.KYCAborted} {
		if got := ExplainKYC(s); strings.Contains(got, string(s)) {
			t.Errorf("ExplainKYC(%s) = %q: not in plain words", s, got)
		}
	}
}

func TestActionDelay(t *testing.T) {
	for _, tc := range []struct {
		n          int
		retryAfter time.Duration
		want       time.Duration
	}{
		{0, 0, time.Second}, {1, 0, 2 * time.Second}, {2, 0, 4 * time.Second}, {3, 0, 8 * time.Second}, {9, 0, 8 * time.Second},
		{0, 30 * time.Second, 30 * time.Second}, {3, time.Second, 8 * time.Second},
	} {
		if got := ActionDelay(tc.n, tc.retryAfter); got != tc.want {
			t.Errorf("ActionDelay(%d, %s) = %s; want %s", tc.n, tc.retryAfter, got, tc.want)
		}
	}
}

// TestFinHubPlan: FinHub's order, each step done from the state alone, and
// the activation last, after the verification and the consents.
func TestFinHubPlan(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	session := api.Session{Token: "t", RefreshToken: "r", ExpiresAt: now.Add(time.Hour)}
	tests := []struct {
		name string
		st   State
		want Step
	}{
		{"nothing yet", State{}, StepCategory},
		{"a category", State{Category: "STANDARD_INDIVIDUAL"}, StepRegister},
		{"registered elsewhere: no category asked", State{ConsumerID: "c"}, StepLogin},
		{"registered", State{Category: "X", ConsumerID: "c", Registered: true, PasswordSet: true}, StepLogin},
		{"logged in", State{Category: "X", ConsumerID: "c", Registered: true, Session: session}, StepKYC},
		{"documents under review", State{ConsumerID: "c", Session: session, KYCStatus: api.KYCPendingReview}, StepKYC},
		{"approved", State{ConsumerID: "c", Session: session, KYCStatus: api.KYCApproved}, StepTerms},
		{"consents given", State{ConsumerID: "c", Session: session, KYCStatus: api.KYCApproved, TermsAccepted: true}, StepActivate},
		{"active", State{ConsumerID: "c", Session: session, KYCStatus: api.KYCApproved, TermsAccepted: true, Activated: true}, StepDone},
		{"active, session lapsed", State{ConsumerID: "c", KYCStatus: api.KYCApproved, TermsAccepted: true, Activated: true}, StepLogin},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FinHubPlan().Next(tc.st, now); got != tc.want {
				t.Errorf("Next = %s; want %s", got, tc.want)
			}
		})
	}
	if p := FinHubPlan(); len(p) != 6 || p[len(p)-1] != StepActivate {
		t.Errorf("FinHub's plan = %v", p)
	}
}
