package main

import (
	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/help"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// speakErrors makes every command of root say its errors in the person's
// language (speaker): cobra's flag, argument and flag-group errors, and
// the errors the command's RunE returns (their keyed sentences, see
// internal/i18n's InLanguage). In English every error stays as it was.
func speakErrors(e *env, root *cobra.Command) {
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return e.usageError(c, err, nil) })
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if validate := c.Args; validate != nil {
			c.Args = func(cmd *cobra.Command, args []string) error { return e.usageError(cmd, validate(cmd, args), args) }
		}
		if c.PreRunE == nil && c.PreRun == nil {
			// cobra checks the flag groups right after PreRunE: checked
			// here first, their error is said in the person's language.
			c.PreRunE = func(cmd *cobra.Command, _ []string) error {
				if err := cmd.ValidateRequiredFlags(); err != nil {
					return e.usageError(cmd, err, nil)
				}
				return e.usageError(cmd, cmd.ValidateFlagGroups(), nil)
			}
		}
		if runE := c.RunE; runE != nil {
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if err := runE(cmd, args); err != nil {
					return e.speaker(cmd).InLanguage(err)
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// speaker is the run's printer in the language cmd's run speaks: --lang,
// else env ONBOARD_LANG, else the config file's lang, else the locale, as
// resolveSettings picks it, but never failing (a wrong one is English).
func (e *env) speaker(cmd *cobra.Command) i18n.Printer {
	if f := cmd.Flags().Lookup(config.FlagLang); f != nil && f.Changed {
		return e.printer(f.Value.String())
	}
	if v := e.getenv("ONBOARD_LANG"); v != "" {
		return e.printer(v)
	}
	if lang := config.FileLang(e.getenv); lang != "" {
		return e.printer(lang)
	}
	return e.printer(config.LangFromLocale(e.getenv).Value)
}

// usageError is err, one of cobra's usage errors for cmd (args are the
// arguments it refused, if any), in the person's language with the usage
// hint under it; nil, an English run's error and an error it has no words
// for stay as they are.
func (e *env) usageError(cmd *cobra.Command, err error, args []string) error {
	if err == nil {
		return nil
	}
	tr := e.speaker(cmd)
	if tr.Lang() == "en" {
		return err
	}
	text := help.UsageText(tr, cmd, err, args)
	if text == "" {
		return err
	}
	return withCode(exitUsage, i18n.Said(text+"\n"+tr.T(help.UsageHint), err))
}
