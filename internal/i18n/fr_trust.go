package i18n

// frenchTrust is the part of the French catalog for what the wizard says about a provider's answers it does not trust, and SCA; french merges it.
func frenchTrust() map[string]string {
	return map[string]string{
		"The provider now says the terms are not accepted, though you accepted them in this run; onboard goes on. If the provider asks you for them again, contact its support.": "Le prestataire indique maintenant que les conditions ne sont pas acceptées, alors que vous les avez acceptées pendant cette session ; onboard continue. S’il vous les redemande, contactez son support.",
		"the change of your email address was not approved in time; approve it on your phone, then run onboard again":                                                            "le changement de votre adresse e-mail n’a pas été approuvé à temps ; approuvez-le sur votre téléphone, puis relancez onboard",
	}
}
