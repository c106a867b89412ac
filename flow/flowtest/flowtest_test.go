package flowtest

import (
	"context"
	"errors"
	"testing"

	"github.com/onboard-cli/onboard/api"
)

// recorder is a testing.TB that keeps failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                        {}
func (r *recorder) Errorf(format string, _ ...any) { r.errs = append(r.errs, format) }

func TestVerifyCatchesWhatWasNotUsed(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*Fake)
		use   func(*Fake)
		fails int
	}{
		{"nothing scripted", func(*Fake) {}, func(*Fake) {}, 0},
		{"an error never returned", func(f *Fake) { f.Fail(MLogin, errors.New("x")) }, func(*Fake) {}, 1},
		{"an error returned", func(f *Fake) { f.Fail(MLogin, errors.New("x")) }, func(f *Fake) {
			_, _ = f.Login(context.Background(), api.Who{}, "pw")
		}, 0},
		{"an expected call missing", func(f *Fake) { f.Expect(MStartKYC) }, func(*Fake) {}, 1},
		{"KYC statuses left", func(f *Fake) { f.KYCScript = []api.KYCStatus{api.KYCCreated, api.KYCApproved} }, func(*Fake) {}, 1},
		{"KYC statuses used", func(f *Fake) { f.KYCScript = []api.KYCStatus{api.KYCCreated, api.KYCApproved} }, func(f *Fake) {
			s := api.Session{Token: "access-1"}
			for range 2 {
				_, _ = f.KYCStatus(context.Background(), s, "")
			}
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New()
			tt.setup(f)
			tt.use(f)
			r := &recorder{TB: t}
			f.Verify(r)
			if len(r.errs) != tt.fails {
				t.Fatalf("Verify reported %d problems, want %d: %v", len(r.errs), tt.fails, r.errs)
			}
		})
	}
}

func TestFakeActsLikeAProvider(t *testing.T) {
	ctx := context.Background()
	f := New()
	phone := api.Phone{CallingCode: "33", National: "612345678"}
	if _, err := f.Register(ctx, api.Registration{Phone: phone, TermsVersion: "1.0"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Register(ctx, api.Registration{Phone: phone}); !errors.Is(err, api.ErrPhoneTaken) {
		t.Fatalf("a second registration: %v, want ErrPhoneTaken", err)
	}
	if _, err := f.SetPassword(ctx, api.Who{Phone: phone}, "000000", "pw"); !errors.Is(err, api.ErrInvalidCode) {
		t.Fatalf("a wrong secret: %v, want ErrInvalidCode", err)
	}
	s, err := f.SetPassword(ctx, api.Who{Phone: phone}, "123456", "S3cure-pass!")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Login(ctx, api.Who{Phone: phone}, "nope"); !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("a wrong password: %v, want ErrUnauthorized", err)
	}
	snap, err := f.Snapshot(ctx, s)
	if err != nil || !snap.PhoneValidated || !snap.TermsAccepted || snap.EmailVerified {
		t.Fatalf("snapshot %+v, %v", snap, err)
	}
	if _, err := f.Snapshot(ctx, api.Session{}); !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("no session: %v, want ErrUnauthorized", err)
	}
}
