package i18n

// frenchCommands is the part of the French catalog for the commands around the wizard: config, status, logout, usage and flag errors; french merges it.
func frenchCommands() map[string]string {
	return map[string]string{
		"reading %s: %v": "lecture de %v : %v",
	}
}
