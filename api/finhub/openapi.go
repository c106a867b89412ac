package finhub

import _ "embed" // the contract

// openAPI is the contract compiled for this client (openapi.yaml).
//
//go:embed openapi.yaml
var openAPI string

// OpenAPI returns the OpenAPI document the client and the sandbox are
// checked against: FinHub publishes none, so it was compiled from its
// documentation, with guessed parts marked x-inferred.
func OpenAPI() []byte { return []byte(openAPI) }
