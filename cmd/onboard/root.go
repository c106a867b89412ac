package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/help"
)

// wizardFlags are the root command's flags.
// The settings' flags (provider, api-url, …) are read by name by
// resolveSettings.
type wizardFlags struct {
	accessible, noInput                 bool
	phone, email, firstName, lastName   string
	externalID, acceptTerms             string
	birthDate, country                  string
	passwordStdin, sandboxAuto, jsonOut bool
	demo, lan                           bool
	debugFile                           string
	// FinHub: the customer category, gender, nationality, and the
	// identity documents' files, in the order the provider asks for them.
	category, gender, nationality string
	documents                     []string
	// remember keeps the consumer's session between runs (OS keyring,
	// else a 0600 file after a warning).
	remember bool
	// organization is a YAML or JSON file with a company, its personnel
	// and documents: onboard the company (FinHub's organisation plan).
	organization string
	// region is no flag: the country a phone number typed without its
	// +code is read in, the locale's as on the wizard's phone screen.
	region string
}

// exitCodes are onboard's exit codes (internal/exit), one a line, the
// code and its meaning apart by a tab: --help lists them after the flags,
// and the manual page in its EXIT STATUS section.
func exitCodes() string {
	return fmt.Sprintf("%d\tonboarded\n"+
		"%d\tthe onboarding cannot go on (declined, a code wrong too often, an account the bank suspended)\n"+
		"%d\ta flag, a setting or an answer is missing or wrong\n"+
		"%d\tstopped while the provider decides (q on a waiting screen, or every step done with the account still pending): run onboard again to resume\n"+
		"%d\tinterrupted (ctrl+c)", exit.OK, exit.Failed, exit.Usage, exit.Waiting, exit.Interrupted)
}

func newRootCmd(e *env) *cobra.Command {
	var f wizardFlags
	cmd := &cobra.Command{
		Use:   "onboard",
		Short: "Become a verified banking customer, in the terminal",
		Long: `onboard walks you from nothing to a verified banking customer: accept the
terms, give your phone number, set a password with the SMS secret, prove
your identity with a QR code and confirm your email address.

With no --api-url it runs against its embedded sandbox: no account, no
network, and a "sandbox phone" shows the SMS and emails it sends.`,
		Annotations: map[string]string{help.ExitCodes: exitCodes()},
		Example: `  # Try it on the embedded sandbox
  onboard

  # Show it to someone: a sample person, the KYC approved by itself, and a
  # QR code for a real phone
  onboard --demo --lan

  # A script or CI job: no prompts, secrets from stdin, JSON out
  echo "$PASSWORD" | onboard --no-input --phone +33612345678 --accept-terms \
      --password-stdin --email ada@example.com --sandbox-auto --json

  # A company (FinHub): the file holds the company, its people and documents
  echo "$PASSWORD" | onboard --provider finhub \
      --organization examples/organization.yaml \
      --no-input --sandbox-auto --accept-terms --password-stdin --json

  # Weavr's flow on the embedded sandbox
  onboard --provider weavr

  # A real provider
  ONBOARD_API_URL=https://api.sandbox.linkcy.cloud/ ONBOARD_PARTNER=acme \
      onboard
  ONBOARD_API_KEY=… onboard --provider weavr \
      --api-url https://sandbox.weavr.io/multi/ --profile-id 123 \
      --kyc-page 'https://partner.example/kyc?reference={reference}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.settings(cmd.Flags())
			if err != nil {
				return err
			}
			return runWizard(cmd.Context(), e, s, f)
		},
	}
	fl := cmd.Flags()
	config.Flags(fl, config.FlagProvider, config.FlagAPIURL, config.FlagPartner, config.FlagProfileID, config.FlagKYCPage, config.FlagTenantID, config.FlagLang, config.FlagTheme, config.FlagInsecure)
	fl.BoolVar(&f.accessible, "accessible", false, "line mode for screen readers (also ACCESSIBLE=1, TERM=dumb, or stdin not a terminal)")
	fl.BoolVar(&f.noInput, "no-input", false, "never prompt: answers come from flags and stdin; a missing one exits 2 naming its flag")
	fl.StringVar(&f.phone, "phone", "", "phone number, e.g. +33612345678")
	fl.StringVar(&f.email, "email", "", "email address")
	fl.StringVar(&f.firstName, "first-name", "", "first name (Latin-1)")
	fl.StringVar(&f.lastName, "last-name", "", "last name (Latin-1)")
	fl.StringVar(&f.birthDate, "birth-date", "", "date of birth, e.g. 1990-12-31 (Weavr)")
	fl.StringVar(&f.country, "country", "", "country you live in, two letters, e.g. FR (Weavr; default: the phone's)")
	fl.StringVar(&f.externalID, "external-id", "", "your own id for this customer (LinkCy externalId)")
	fl.StringVar(&f.acceptTerms, "accept-terms", "", "accept the terms: the current version, or only if it is `VERSION`")
	fl.Lookup("accept-terms").NoOptDefVal = "current"
	fl.BoolVar(&f.passwordStdin, "password-stdin", false, "read the new password from the first line of stdin")
	fl.BoolVar(&f.sandboxAuto, "sandbox-auto", false, "sandbox only: read the SMS and email from the outbox and approve the KYC")
	fl.BoolVar(&f.jsonOut, "json", false, "print the final summary as JSON on stdout")
	fl.BoolVar(&f.demo, "demo", false, "a demo: a fresh embedded sandbox, a sample person filled in, the identity check approved after a few seconds")
	fl.BoolVar(&f.lan, "lan", false, "the embedded sandbox listens on this machine's LAN address, so a phone can open the KYC link (env ONBOARD_LAN_IP picks the address)")
	fl.StringVar(&f.debugFile, "debug", "", "write a debug log to this file (secrets redacted)")
	fl.StringVar(&f.category, "category", "", "customer category id, e.g. STANDARD_INDIVIDUAL (FinHub)")
	fl.StringVar(&f.gender, "gender", "", "female, male or other (FinHub)")
	fl.StringVar(&f.nationality, "nationality", "", "nationality, two letters, e.g. LT (FinHub; default: the phone's country)")
	fl.StringArrayVar(&f.documents, "document", nil, "an identity document to upload (PDF, JPEG or PNG), once per document the provider asks for, in its order (FinHub)")
	fl.StringVar(&f.organization, "organization", "", "onboard a company (FinHub): a YAML or JSON file with the company, its personnel and documents, e.g. examples/organization.yaml")
	fl.BoolVar(&f.remember, "remember", false, "keep your session in the OS keyring (else a file only you can read), so resuming needs no password; onboard logout ends it")
	cmd.AddCommand(newAgentCmd(e), newSandboxCmd(e), newStatusCmd(e), newConfigCmd(e), newLogoutCmd(e), newServeCmd(e), newVersionCmd(), newManCmd())
	cmd.SetHelpFunc(help.Show)
	cmd.Version = versionString()
	cmd.SetVersionTemplate(versionLine() + "\n")
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	speakErrors(e, cmd)
	return cmd
}
