package fuzz

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
)

// FuzzParsePhone: any text typed as a phone number gives a number or an
// error, never a panic; a number onboard accepts reads back the same from
// its E.164 form, and the code fields take it too.
func FuzzParsePhone(f *testing.F) {
	codes := assets.CallingCodes()
	for _, s := range []string{"+33 6 12 34 56 78", "06 12 34 56 78", "0033612345678", "+44 7400 123456", "+1 (415) 555-0100",
		"+33 1 23", "abc", "", "++33", "+999 123", "00", "+", "+٣٣٦١٢٣٤٥٦٧٨", "06.12.34.56.78"} {
		f.Add(s, "FR")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, in, region string) {
		p, err := flow.ParsePhone(in, region, codes)
		if err != nil {
			return
		}
		e164 := p.Phone.E164()
		if !strings.HasPrefix(e164, "+") || strings.Trim(e164[1:], "0123456789") != "" {
			t.Fatalf("ParsePhone(%q) = E.164 %q", in, e164)
		}
		again, err := flow.ParsePhone(e164, "", codes)
		if err != nil || again.Phone != p.Phone {
			t.Fatalf("%q → %q → %+v, %v", in, e164, again.Phone, err)
		}
		_ = flow.FormatPhone(p.Phone)
		_ = flow.MaskPhone(flow.FormatPhone(p.Phone))
	})
}

// FuzzNormalizeSecret: a typed code is six digits or an error.
func FuzzNormalizeSecret(f *testing.F) {
	for _, s := range []string{"123456", "123 456", " 12-34-56 ", "12345", "abcdef", "١٢٣٤٥٦", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := flow.NormalizeSecret(in)
		if err == nil && (len(out) != 6 || strings.Trim(out, "0123456789") != "") {
			t.Fatalf("NormalizeSecret(%q) = %q", in, out)
		}
	})
}

// FuzzLoadProgress: whatever the progress file holds, loading it never
// panics or fails the run: a good one round-trips, anything else is set
// aside with ErrCorruptProgress.
func FuzzLoadProgress(f *testing.F) {
	good, _ := os.ReadFile(filepath.Join("testdata", "progress-good.json"))
	f.Add(good)
	f.Add([]byte("{}"))
	f.Add([]byte("not json"))
	f.Add([]byte(`{"version":1,"step":"kyc","callingCode":"33","nationalNumber":"612345678"}`))
	f.Add([]byte(`{"version":1,"step":"no-such-step"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "progress.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		p, ok, err := flow.LoadProgress(path)
		switch {
		case err != nil:
			if _, serr := os.Stat(path); serr == nil {
				t.Fatalf("a bad file was not set aside: %v", err)
			}
		case ok:
			st := p.Restore(flow.State{})
			_ = st.Who()
			if err := flow.SaveProgress(path, p); err != nil {
				t.Fatal(err)
			}
			back, ok, err := flow.LoadProgress(path)
			if err != nil || !ok || back.Step != p.Step || back.ConsumerID != p.ConsumerID || !back.UpdatedAt.Equal(p.UpdatedAt) {
				t.Fatalf("round trip: %+v → %+v (%v)", p, back, err)
			}
		}
	})
}
