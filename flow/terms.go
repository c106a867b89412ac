package flow

// termsFrom is what the provider's word on the terms (accepted) means for
// this run: the terms the person accepted in this run stay accepted, and a
// provider that says otherwise afterwards lapses them (TermsNote), once
// lapsed for the rest of the run; otherwise the provider's word.
func (st State) termsFrom(accepted bool) (termsAccepted, lapsed bool) {
	if st.TermsAcceptedHere && !accepted {
		return true, true
	}
	return accepted, st.TermsLapsed
}

// TermsNote is the one note both front ends give when the provider said
// the terms are not accepted after the person accepted them in this run
// (State.TermsLapsed); "" otherwise. The terms are not asked again.
func TermsNote(st State) string {
	if !st.TermsLapsed {
		return ""
	}
	return "The provider now says the terms are not accepted, though you accepted them in this run; onboard goes on. If the provider asks you for them again, contact its support."
}
