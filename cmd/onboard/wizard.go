package main

import (
	"context"
	"errors"
)

func runWizard(_ context.Context, _ *env, _ settings, _ wizardFlags) error {
	return errors.New("the wizard is not built yet")
}
