package finhub

import "github.com/onboard-cli/onboard/api"

// checkIDs refuses op before it is sent when one of the ids its path
// carries is not in FinHub's format (api.IDToken: its specification
// documents them as plain strings). pairs are a name and an id, in turn.
func checkIDs(op string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := api.CheckID(Name, op, pairs[i], pairs[i+1], api.IDToken); err != nil {
			return err
		}
	}
	return nil
}
