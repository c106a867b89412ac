package help_test

import (
	"testing"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/internal/help"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// TestUsageText: cobra's and pflag's usage errors are said in French
// from what they carry; one it has no words for is "".
func TestUsageText(t *testing.T) {
	fr := i18n.Printer{}.For("fr")
	cmd := &cobra.Command{Use: "status"}
	cmd.Flags().Bool("json", false, "")
	cmd.Flags().String("phone", "", "")
	cmd.Flags().String("email", "", "")
	cmd.MarkFlagsMutuallyExclusive("phone", "email")
	for _, c := range []struct {
		args []string
		fr   bool
	}{
		{[]string{"--bogus"}, true},
		{[]string{"--phone"}, true},
		{[]string{"--json=maybe"}, true},
	} {
		err := cmd.ParseFlags(c.args)
		if err == nil {
			t.Fatalf("%v parsed", c.args)
		}
		got := help.UsageText(fr, cmd, err, nil)
		if got == "" || got == err.Error() {
			t.Errorf("%v: %q is not said in French (cobra: %q)", c.args, got, err.Error())
		}
	}
	if err := cmd.ParseFlags([]string{"--phone", "+33612345678", "--email", "a@b.c"}); err != nil {
		t.Fatal(err)
	}
	err := cmd.ValidateFlagGroups()
	if got := help.UsageText(fr, cmd, err, nil); got == "" || got == err.Error() {
		t.Errorf("flags that do not go together: %q (cobra: %v)", got, err)
	}
	if got := help.UsageText(fr, cmd, cmd.ValidateArgs(nil), []string{"stray"}); got == "" {
		t.Errorf("an argument: not said")
	}
	if got := help.UsageText(fr, cmd, errString("something else"), nil); got != "" {
		t.Errorf("an unknown error is said: %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
