package prism

// provider is one provider's spec, what its statuses may say and what
// "onboarded" needs of them, and the runs a script can make.
type provider struct {
	name, spec string
	// enums are the documented values of each status onboard shows
	// (anything else must be shown as "unknown (X)").
	enums map[string][]string
	// active are the statuses "onboarded": true needs.
	active    map[string]string
	scenarios []scenario
}

// scenario is one onboard command and what a script gives it.
type scenario struct {
	name  string
	args  []string
	stdin string
	env   []string
	// email is the address given; the phone given ends in phoneTail.
	email, phoneTail string
}

const (
	password = "S3cure-pass!x"
	email    = "ada@example.com"
)

// answers are what a script types at line mode's prompts: codes,
// then the password twice, then codes again, until the run stops asking.
const answers = "123456\n" + password + "\n" + password + "\n123456\n123456\n123456\n"

func providers() []provider {
	return []provider{linkcyProvider(), weavrProvider()}
}

func linkcyProvider() provider {
	common := []string{"--partner", "acme", "--phone", "+33612345678", "--accept-terms", "--email", email, "--json"}
	return provider{name: "linkcy", spec: "linkcy/linkcy-onboarding.openapi.yaml",
		enums: map[string][]string{
			"overall":    {"ACTIVE", "INACTIVE"},
			"linkcy":     {"PENDING", "FORBIDDEN", "MISSING_DATA", "VALIDATED", "CLOSING"},
			"banking":    {"VALIDATED", "PENDING", "MISSING_DATA", "BLOCKED", "NOT_CREATED"},
			"compliance": {"PENDING", "DECLINED", "PENDING_REVIEW", "VALIDATED"},
			"suspension": {"SUSPENDED", "NOT_SUSPENDED"},
		},
		active: map[string]string{"overall": "ACTIVE", "suspension": "NOT_SUSPENDED"},
		scenarios: []scenario{
			{name: "no-input", args: append([]string{"--no-input", "--password-stdin"}, common...), stdin: password + "\n", email: email, phoneTail: "78"},
			{name: "line", args: common, stdin: answers, email: email, phoneTail: "78"},
			{name: "status", args: []string{"status", "--partner", "acme", "--phone", "+33612345678", "--json"}, phoneTail: "78"},
		}}
}

func weavrProvider() provider {
	env := []string{"ONBOARD_API_KEY=prism-test-key"}
	common := []string{"--provider", "weavr", "--profile-id", "110000000", "--kyc-page", "https://partner.example/kyc?reference={reference}",
		"--phone", "+33612345678", "--first-name", "Ada", "--last-name", "Lovelace", "--email", email, "--birth-date", "1990-05-15",
		"--country", "FR", "--accept-terms", "--json"}
	return provider{name: "weavr", spec: "weavr/weavr-multi-openapi-original.yml",
		enums: map[string][]string{
			"kyc":     {"NOT_STARTED", "INITIATED", "PENDING_REVIEW", "APPROVED", "REJECTED"},
			"ongoing": {"NOT_STARTED", "INITIATED", "PENDING_REVIEW", "APPROVED", "REJECTED"},
			"mobile":  {"verified", "not verified"},
			"active":  {"yes", "no"},
		},
		active: map[string]string{"kyc": "APPROVED", "active": "yes"},
		scenarios: []scenario{
			{name: "no-input", args: append([]string{"--no-input", "--password-stdin"}, common...), stdin: password + "\n", env: env, email: email, phoneTail: "78"},
			{name: "line", args: common, stdin: answers, env: env, email: email, phoneTail: "78"},
			{name: "status", args: []string{"status", "--provider", "weavr", "--email", email, "--password-stdin", "--json"}, stdin: password + "\n", env: env, email: email},
		}}
}
