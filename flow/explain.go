package flow

import (
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// ExplainKYC says in plain words what a KYC status means for the person
// and what happens next. Every screen and mode uses these sentences.
func ExplainKYC(s api.KYCStatus) string { return KYCExplanation(s).String() }

// KYCExplanation is ExplainKYC's sentence as a Text, for a front end
// that translates it.
func KYCExplanation(s api.KYCStatus) *Text {
	switch s {
	case api.KYCNotStarted, "":
		return Say("The identity check has not started yet.")
	case api.KYCCreated:
		return Say("Waiting for you: open the link on your phone and follow the steps (an ID document and a selfie).")
	case api.KYCProcessing:
		return Say("Done on your side; your documents are being checked. This usually takes 2 to 5 minutes.")
	case api.KYCPendingReview:
		return Say("A person is reviewing your documents. You can stop here and run onboard again later.")
	case api.KYCApproved:
		return Say("Your identity is verified.")
	case api.KYCDeclined:
		return Say("The identity check was declined. You can try again with a new link.")
	case api.KYCAborted:
		return Say("The identity check was left unfinished or the link expired. You can start again with a new link.")
	}
	return Say("The identity check is in status %s.", string(s))
}

// KYCWord is a KYC status as the one word a summary shows ("approved"),
// as a Text for a front end that translates it; a status onboard does
// not know is shown as the provider names it, in lower case.
func KYCWord(s api.KYCStatus) *Text {
	switch s {
	case api.KYCNotStarted:
		return Say("not_started")
	case api.KYCCreated:
		return Say("created")
	case api.KYCProcessing:
		return Say("processing")
	case api.KYCPendingReview:
		return Say("pending_review")
	case api.KYCApproved:
		return Say("approved")
	case api.KYCDeclined:
		return Say("declined")
	case api.KYCAborted:
		return Say("aborted")
	}
	return Say("%s", strings.ToLower(string(s)))
}
