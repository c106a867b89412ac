package i18n

// frenchTrust is the part of the French catalog for what the wizard says about a provider's answers it does not trust, and SCA; french merges it.
func frenchTrust() map[string]string {
	return map[string]string{}
}
