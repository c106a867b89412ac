package i18n

// frenchUX is the part of the French catalog for the screens' words a first-time user reads: summaries, links, pages; french merges it.
func frenchUX() map[string]string {
	return map[string]string{
		// the wait for the bank's approval, over (flow.SCANotApproved)
		"The change was not approved in time; nothing was changed.": "Le changement n’a pas été approuvé à temps ; rien n’a changé.",
		// serve's sessions, their last words (cmd/onboard/session.go)
		"Closed after %s without a key press. Connect again to start afresh.": "Fermé après %v sans aucune touche pressée. Reconnectez-vous pour recommencer.",
		"onboard: %s": "onboard : %v",
		"Session ended; nothing was kept. Connect again to start afresh.":                                    "Session terminée ; rien n'a été gardé. Reconnectez-vous pour recommencer.",
		"✓ You are a verified customer: %s, %s, identity %s (customer %s). A sandbox: nothing here is real.": "✓ Vous êtes un client vérifié : %v, %v, identité %v (client %v). Un bac à sable : rien ici n'est réel.",
		// a company demo whose sample documents could not be written (tui/screen_kind.go)
		"The demo's sample documents could not be written; choose the company's files when asked.": "Les documents d’exemple de la démo n’ont pas pu être écrits ; choisissez les fichiers de l’entreprise quand ils sont demandés.",
		// a company demo's review, approved by its sandbox (tui/screen_kyb.go)
		"A demo: the sandbox approves the company by itself a few seconds after this link shows.": "Une démo : le bac à sable approuve l’entreprise de lui-même quelques secondes après l’affichage de ce lien.",
		// a company demo's reason to open the account, filled in (tui/screen_org_finish.go)
		"Business account for supplier payments": "Compte professionnel pour payer les fournisseurs",
		// line mode's last summary (line/runner.go)
		"consumer":    "client",
		"%s accepted": "%v acceptées",
	}
}
