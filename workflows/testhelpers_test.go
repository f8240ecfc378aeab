package workflows

import (
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"
)

// decodeContinueInput decodes the first input of a continue-as-new.
func decodeContinueInput(cont *workflow.ContinueAsNewError, v any) error {
	return converter.GetDefaultDataConverter().FromPayloads(cont.Input, v)
}
