package i18n

// frenchCommands is the part of the French catalog for the commands around the wizard: config, status, logout, usage and flag errors; french merges it.
func frenchCommands() map[string]string {
	return map[string]string{
		// cobra's and pflag's usage errors (cmd/onboard/speak.go)
		"Run onboard --help (or onboard COMMAND --help) for the flags and commands.": "Lancez onboard --help (ou onboard COMMANDE --help) pour les options et les commandes.",
		"unknown flag: --%s":                  "option inconnue : --%v",
		"unknown shorthand flag: %q in -%s":   "option courte inconnue : %q dans -%v",
		"flag needs an argument: --%s":        "l’option --%v attend une valeur",
		"flag needs an argument: %q in -%s":   "l’option %q dans -%v attend une valeur",
		"invalid argument %q for %q flag: %v": "valeur %q invalide pour l’option %q : %v",
		"bad flag syntax: %s":                 "option mal écrite : %v",
		"unknown command %q for %q":           "commande inconnue %q pour %q",
		"if any flags in the group [%v] are set none of the others can be; %v were all set": "les options [%v] s’excluent l’une l’autre ; %v ont toutes été données",
		// keyed errors (internal/i18n/errors.go)
		"reading %s: %v": "lecture de %v : %v",
	}
}
