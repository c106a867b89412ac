// Package prism runs the real onboard binary against Stoplight Prism's
// mocks of the providers' specifications (LinkCy's, and Weavr's vendor
// file), static and dynamic with the fixed seeds in testdata/seeds.txt: a
// mock nobody here wrote, which answers anything its spec allows. The test
// asserts what onboard may believe of such answers (flow's trust rules):
// only documented exit codes, no panic, no run past its bound, "onboarded"
// only on the provider's active statuses, no link, address or status shown
// that failed its check, every error line a sentence.
//
// It needs ONBOARD_PRISM (the prism executable, which .ci/run installs
// from .ci/prism) and ONBOARD_SPECS; without them it skips, unless
// ONBOARD_CI=1, when it fails.
package prism
