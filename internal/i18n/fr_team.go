package i18n

// frenchTeam is the part of the French catalog for the team sandbox: onboard serve --sandbox-url, onboard sandbox's messages and the webhooks; french merges it.
func frenchTeam() map[string]string {
	return map[string]string{}
}
