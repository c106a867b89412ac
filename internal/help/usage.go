package help

import (
	"errors"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/lazyregexp"
)

// UsageHint is the line under a typing mistake that says where the usage
// is.
const UsageHint = "Run onboard --help (or onboard COMMAND --help) for the flags and commands."

// mutuallyExclusive reads cobra's error for flags that cannot go together
// (cobra's flag_groups.go), which has no type of its own.
var mutuallyExclusive = lazyregexp.New(`^if any flags in the group \[(.*)\] are set none of the others can be; \[(.*)\] were all set$`)

// UsageText is what err, a usage error of cobra's or pflag's, says in
// tr's language, or "" for one it does not know.
func UsageText(tr i18n.Printer, cmd *cobra.Command, err error, args []string) string {
	var (
		notExist *pflag.NotExistError
		needs    *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return tr.F("unknown shorthand flag: %q in -%s", notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames())
	case errors.As(err, &notExist):
		return tr.F("unknown flag: --%s", notExist.GetSpecifiedName())
	case errors.As(err, &needs) && needs.GetSpecifiedShortnames() != "":
		return tr.F("flag needs an argument: %q in -%s", needs.GetSpecifiedName(), needs.GetSpecifiedShortnames())
	case errors.As(err, &needs):
		return tr.F("flag needs an argument: --%s", needs.GetSpecifiedName())
	case errors.As(err, &invalid):
		return tr.F("invalid argument %q for %q flag: %v", invalid.GetValue(), "--"+invalid.GetFlag().Name, errors.Unwrap(invalid))
	case errors.As(err, &syntax):
		return tr.F("bad flag syntax: %s", syntax.GetSpecifiedFlag())
	case len(args) > 0: // every command takes no argument (cobra.NoArgs)
		return tr.F("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	if m := mutuallyExclusive.FindStringSubmatch(err.Error()); m != nil {
		return tr.F("if any flags in the group [%v] are set none of the others can be; %v were all set", m[1], "["+m[2]+"]")
	}
	return ""
}
