package activities

import (
	"context"
	"errors"
	"fmt"
	"github.com/stonecity/sync/apicalls"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
)

// SchemaActivities checks the HubSpot schema before a sync writes.
type SchemaActivities struct {
	HubSpot *hubspot.Client
	Portal  config.HubSpotPortal
}

// PreflightInput names the sync about to run.
type PreflightInput struct {
	SyncKind string `json:"syncKind"`
}

// PreflightResult is the API calls a successful preflight made.
type PreflightResult struct {
	APICalls []apicalls.Count `json:"apiCalls"`
}

// Preflight fails, without retry, when HubSpot lacks a property, option,
// pipeline or stage the sync writes; the error names each one and the
// command that fixes it.
func (a *SchemaActivities) Preflight(ctx context.Context, in PreflightInput) (PreflightResult, error) {
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	err := hubspotschema.Check(ctx, a.HubSpot, hubspotschema.ForKind(in.SyncKind, a.Portal))
	var schemaErr *hubspotschema.Error
	if errors.As(err, &schemaErr) {
		return PreflightResult{}, permanent(ErrorTypePreflight, "%s preflight: %s", in.SyncKind, schemaErr.Error())
	}
	if err != nil {
		return PreflightResult{}, temporalError(fmt.Errorf("%s preflight: %w", in.SyncKind, err), false)
	}
	return PreflightResult{APICalls: recorder.Counts()}, nil
}
