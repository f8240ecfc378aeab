package activities

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/ordermap"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

func TestPreflight(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	full := hubspotschema.All(portal)
	withoutOrderID := full
	withoutOrderID.Properties = slices.DeleteFunc(slices.Clone(full.Properties), func(p hubspotschema.Property) bool {
		return p.Object == "deals" && p.Name == ordermap.PropSquareOrderID
	})
	wrongStage := squarePipelines(portal)
	wrongStage[0].Stages[0].ID = "1338115399"

	tests := []struct {
		name      string
		pipelines []hubsim.Pipeline
		setup     hubspotschema.Requirements
		wantError []string
	}{
		{name: "ready", pipelines: squarePipelines(portal), setup: full},
		{name: "missing property", pipelines: squarePipelines(portal), setup: withoutOrderID,
			wantError: []string{"deals property square_order_id is missing", hubspotschema.SetupCommand}},
		{name: "missing stage", pipelines: wrongStage, setup: full,
			wantError: []string{"deal pipeline 889312001 (Square POS) has no stage 1338115383"}},
		{name: "missing pipeline", pipelines: squarePipelines(portal)[1:], setup: full,
			wantError: []string{"deal pipeline 889312001 (Square POS) does not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim := hubsim.New(hubsim.Options{Token: testHubSpotToken})
			require.NoError(t, sim.LoadPortal(hubsim.Portal{Pipelines: tt.pipelines}))
			server := httptest.NewServer(sim)
			t.Cleanup(server.Close)
			client, err := hubspot.New(hubspot.Config{BaseURL: server.URL, Token: testHubSpotToken})
			require.NoError(t, err)
			// Setup checks pipelines but cannot create them, so it runs without.
			properties := tt.setup
			properties.Pipelines = nil
			_, err = hubspotschema.Setup(context.Background(), client, properties)
			require.NoError(t, err)
			schema := &SchemaActivities{HubSpot: client, Portal: portal}

			env := quietActivityEnv(io.Discard)
			env.RegisterActivity(schema)
			_, err = env.ExecuteActivity(schema.Preflight, PreflightInput{SyncKind: "order-sync"})

			if len(tt.wantError) == 0 {
				require.NoError(t, err)
				return
			}
			var appErr *temporal.ApplicationError
			require.True(t, errors.As(err, &appErr), "error %v", err)
			assert.Equal(t, ErrorTypePreflight, appErr.Type())
			assert.True(t, appErr.NonRetryable())
			for _, want := range tt.wantError {
				assert.Contains(t, err.Error(), want)
			}
			assert.Empty(t, sim.Objects("deals"), "preflight writes no record")
		})
	}
}
