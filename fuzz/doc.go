// Package fuzz holds onboard's fuzzers, apart from the packages they
// fuzz: their test binaries leave out the sandbox (and SQLite), which the
// packages' own tests link, so an instrumented build takes seconds.
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzParsePhone$' -fuzztime 1m
//
// Inputs that found something new are kept under testdata/fuzz and run
// as ordinary tests with go test ./fuzz.
package fuzz
