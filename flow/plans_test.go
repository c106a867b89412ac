package flow

import (
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/weavr"
)

// The providers' plans, as their descriptors give them, for the tests.

func LinkCyPlan() Plan { return Plan(linkcy.Describe().Plans[0].Steps) }
func WeavrPlan() Plan  { return Plan(weavr.Describe().Plans[0].Steps) }
func FinHubPlan() Plan { return Plan(finhub.Describe().Plans[0].Steps) }
