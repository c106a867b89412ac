// Package providers is the registry of the providers onboard speaks:
// adding one is a folder under api/ with its Describe, and a line here.
package providers

import (
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/weavr"
)

// All describes every provider, the default (LinkCy) first.
func All() []api.Descriptor {
	return []api.Descriptor{linkcy.Describe(), weavr.Describe(), finhub.Describe()}
}

// Lookup describes the provider named name, and false for one onboard
// does not speak.
func Lookup(name string) (api.Descriptor, bool) {
	for _, d := range All() {
		if d.Name == name {
			return d, true
		}
	}
	return api.Descriptor{}, false
}

// Default is the provider onboard speaks when none is named.
func Default() api.Descriptor { return All()[0] }

// Names lists the providers' names, for help and error sentences:
// "linkcy, weavr or finhub".
func Names() string {
	var names []string
	for _, d := range All() {
		names = append(names, d.Name)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Title is the provider named name as a person writes it, or the name
// itself for one onboard does not speak.
func Title(name string) string {
	if d, ok := Lookup(name); ok {
		return d.Title
	}
	return name
}
