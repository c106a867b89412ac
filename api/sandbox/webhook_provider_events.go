package sandbox

import (
	"fmt"
	"strconv"
)

// Weavr's and FinHub's events, written in the change's transaction as
// LinkCy's are (webhook_events.go). A name either provider documents is
// used as it is; the others are ours, in the provider's style, and the
// README's table marks them so.
const (
	// EventWeavrConsumerKYC is Weavr's "Consumer KYC status update",
	// which Weavr sends to <webhook URL>/consumers/kyc/watch.
	EventWeavrConsumerKYC = "weavr.consumers.kyc.watch"
	// EventWeavrConsumerCreated is ours: Weavr documents no webhook for it.
	EventWeavrConsumerCreated = "weavr.consumers.created"
	// EventWeavrConsumerUpdated is ours, with what changed.
	EventWeavrConsumerUpdated = "weavr.consumers.updated"

	// EventFinHubCustomerCreated is FinHub's "New customer registered".
	EventFinHubCustomerCreated = "customer.created"
	// EventFinHubCustomerUpdated is FinHub's "Customer data updated".
	EventFinHubCustomerUpdated = "customer.updated"
	// EventFinHubCustomerActivated is FinHub's "Customer account activated".
	EventFinHubCustomerActivated = "customer.activated"
	// EventFinHubVerificationApproved is FinHub's verification.approved.
	EventFinHubVerificationApproved = "verification.approved"
	// EventFinHubVerificationUpdated is ours: any other verification status.
	EventFinHubVerificationUpdated = "verification.updated"
)

// The changes a FinHub customer.updated event names; an individual's
// consents and all of an organisation's are ours (FinHub documents the
// event, "Customer data updated", not what changed).
const (
	changeConsent          = "consent"
	changePersonAdded      = "person_added"
	changePersonUpdated    = "person_updated"
	changeDocumentUploaded = "document_uploaded"
)

// The changes a weavr.consumers.updated event names.
const (
	changePasswordSet    = "password_set"
	changeEmailVerified  = "email_verified"
	changeMobileVerified = "mobile_verified"
	changeProfile        = "profile"
)

// weavrEvent writes an event about Weavr consumer c, with the fields
// Weavr's own notifications carry (consumerId, consumerEmail,
// eventTimestamp) and extra.
func (t *tx) weavrEvent(typ string, c *weavrConsumer, extra map[string]any) error {
	data := map[string]any{"consumerId": c.id(), "consumerEmail": c.Email, "eventTimestamp": strconv.FormatInt(unix(t.now), 10)}
	for k, v := range extra {
		data[k] = v
	}
	return t.event(c.outboxID(), typ, data)
}

// weavrUpdated writes weavr.consumers.updated saying what changed.
func (t *tx) weavrUpdated(c *weavrConsumer, change string) error {
	return t.weavrEvent(EventWeavrConsumerUpdated, c, map[string]any{"change": change})
}

// weavrKYCEvent writes Weavr's KYC notification for c's status now:
// status, and ongoingStatus as GET /consumers/kyc reports it.
func (t *tx) weavrKYCEvent(c *weavrConsumer) error {
	ongoing := "NOT_STARTED"
	if c.KYCStatus == "APPROVED" {
		ongoing = "APPROVED"
	}
	return t.weavrEvent(EventWeavrConsumerKYC, c, map[string]any{"status": c.KYCStatus, "ongoingStatus": ongoing})
}

// finhubEvent writes an event about FinHub customer c (customerId and
// email, as FinHub's example payload has them) with extra; an
// organisation's also names it (finhubOrgNames).
func (t *tx) finhubEvent(typ string, c *finhubCustomer, extra map[string]any) error {
	data := map[string]any{"customerId": c.ID, "email": c.Email}
	if finhubIsOrg(c) {
		if err := t.finhubOrgNames(c.ID, data); err != nil {
			return err
		}
	}
	for k, v := range extra {
		data[k] = v
	}
	return t.event(c.outboxID(), typ, data)
}

// finhubOrgNames adds the organisation's id and legal name to an event's
// data, and writes the organisation's row: two transactions sending an
// event about one organisation then take their turns (on PostgreSQL the
// second is refused and runs again, with a later seq), so its events
// stay in order, as a consumer's do (webhook_events.go).
func (t *tx) finhubOrgNames(orgID string, data map[string]any) error {
	var name string
	if err := t.row("UPDATE finhub_organizations SET legal_name = legal_name WHERE id = ? RETURNING legal_name", orgID).Scan(&name); err != nil {
		return fmt.Errorf("sandbox: reading organisation %s for an event: %w", orgID, err)
	}
	data["organizationId"], data["legalName"] = orgID, name
	return nil
}

// finhubOrgCreated writes customer.created for an organisation just
// registered (its rows written).
func (t *tx) finhubOrgCreated(id, email, category string) error {
	return t.finhubEvent(EventFinHubCustomerCreated, &finhubCustomer{ID: id, Email: email, Category: category}, nil)
}

// finhubOrgUpdated writes customer.updated about organisation c: what
// changed, and extra (a person's id and capacity, a document's id and
// type, a consent's type), never a generated credential.
func (t *tx) finhubOrgUpdated(c *finhubCustomer, change string, extra map[string]any) error {
	data := map[string]any{"change": change}
	for k, v := range extra {
		data[k] = v
	}
	return t.finhubEvent(EventFinHubCustomerUpdated, c, data)
}

// finhubOrgPersonEvent writes customer.updated for a person added to
// organisation c as kind (added: new to it; else a new capacity).
func (t *tx) finhubOrgPersonEvent(c *finhubCustomer, kind personKind, personID string, added bool) error {
	change := changePersonUpdated
	if added {
		change = changePersonAdded
	}
	return t.finhubOrgUpdated(c, change, map[string]any{"personId": personID, "capacity": kind.String()})
}

// finhubVerificationEvent writes verification.approved, or
// verification.updated with any other status, for v of customer c.
func (t *tx) finhubVerificationEvent(c *finhubCustomer, v *finhubVerification) error {
	typ := EventFinHubVerificationUpdated
	if v.Status == "APPROVED" {
		typ = EventFinHubVerificationApproved
	}
	return t.finhubEvent(typ, c, map[string]any{"verificationId": v.ID, "status": v.Status})
}
