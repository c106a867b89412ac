package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/flow"
)

// demoApproveAfter is how long a demo's identity check takes: long
// enough to see the QR code and the status change, short enough to keep
// an audience.
const demoApproveAfter = 6 * time.Second

// demoNotice opens a demo.
const demoNotice = "A demo: a sample person is filled in, and the identity check approves itself a few seconds after its QR code shows."

// samplePerson fills the person's details a demo starts with, where the
// flags left them empty. The phone number is random (intN is rand.IntN,
// or a seeded one in tests), so that sessions sharing one sandbox
// (onboard serve --demo) do not collide.
func samplePerson(f *wizardFlags, intN func(int) int) {
	if f.phone == "" {
		// 06 1x: every number in it is a valid French mobile (06 39 and
		// 06 90–97 are not).
		f.phone = fmt.Sprintf("+33 6 1%d %02d %02d %02d", intN(10), intN(100), intN(100), intN(100))
	}
	if f.firstName == "" {
		f.firstName = "Ada"
	}
	if f.lastName == "" {
		f.lastName = "Lovelace"
	}
	if f.email == "" {
		f.email = fmt.Sprintf("ada.%04d@example.com", intN(10000))
	}
	// What Weavr and FinHub ask beside: a birth date, and FinHub's gender.
	if f.birthDate == "" {
		f.birthDate = "1985-12-10"
	}
	if f.gender == "" {
		f.gender = "female"
	}
}

// embeddedFor is how --demo and --lan run the embedded sandbox; both
// apply to it alone.
func embeddedFor(e *env, s settings, f *wizardFlags) (embedded, error) {
	var emb embedded
	if (f.demo || f.lan) && s.APIURL.Value != "" {
		return emb, withCode(exitUsage, errors.New("--demo and --lan run the embedded sandbox, so they cannot go with --api-url (for a sandbox of your own: onboard sandbox --lan)"))
	}
	host, err := lanHost(e.getenv, f.lan)
	if err != nil {
		return emb, err
	}
	emb.host = host
	if f.demo {
		emb.db, emb.autoApprove = ":memory:", demoApproveAfter
		samplePerson(f, rand.IntN)
	}
	return emb, nil
}

// sampleCompany is the company a demo fills in when the person chooses
// "for my company" (FinHub): the sample person (f, after samplePerson) is
// its first admin, managing director and main shareholder, beside a second
// director who owns the rest. It passes flow's organisation rules
// (TestSampleCompany); its KYB documents are written when the person
// chooses the company (internal/sampledocs).
func sampleCompany(f wizardFlags) flow.Organization {
	ada := flow.Person{FirstName: f.firstName, LastName: f.lastName, Email: f.email,
		Phone: strings.ReplaceAll(f.phone, " ", ""), DateOfBirth: f.birthDate, Nationality: "FR"}
	charles := flow.Person{FirstName: "Charles", LastName: "Babbage", Email: "charles@engines.example",
		DateOfBirth: "1971-12-26", Nationality: "GB"}
	return flow.Organization{
		Company: flow.Company{LegalName: "Analytical Engines SAS", TradingName: "Analytical Engines",
			RegistrationNumber: "RCS 852 146 379", Country: "FR", LegalForm: "LIMITED_LIABILITY_COMPANY",
			IncorporationDate: "2019-06-12", Address: flow.Address{Street: "18 rue des Tanneurs", City: "Lyon",
				PostalCode: "69002", Country: "FR"}, Email: "hello@engines.example", Phone: "+33478123456"},
		Employees:    []flow.Employee{{Person: ada, Roles: []flow.Role{flow.RoleAdmin}}},
		Directors:    []flow.Director{{Person: ada, Type: "MANAGING_DIRECTOR"}, {Person: charles, Type: "NON_EXECUTIVE_DIRECTOR"}},
		Shareholders: []flow.Shareholder{{Person: ada, Share: 60}, {Person: charles, Share: 40}},
	}
}
