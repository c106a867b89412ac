package i18n

// frenchUX is the part of the French catalog for the screens' words a first-time user reads: summaries, links, pages; french merges it.
func frenchUX() map[string]string {
	return map[string]string{}
}
