package activities

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/hubspot"
	squareclient "github.com/stonecity/sync/clients/square"
)

// TestSyncOrderPageTokenRedaction sends tokens the
// simulators reject: the 401s must reach the workflow as final errors
// whose text, like the activity's logs, never contains the token.
func TestSyncOrderPageTokenRedaction(t *testing.T) {
	const secret = "pat-na1-5ecret-0000-do-not-log"
	tests := []struct {
		name       string
		badHubSpot bool
		badSquare  bool
	}{
		{name: "HubSpot token rejected", badHubSpot: true},
		{name: "Square token rejected", badSquare: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newOrderHarness(t)
			customers, orders := manyTestOrders(3)
			h.load(customers, orders...)
			if tt.badHubSpot {
				hub, err := hubspot.New(hubspot.Config{BaseURL: h.hubURL, Token: secret})
				require.NoError(t, err)
				h.acts.HubSpot = hub
			}
			if tt.badSquare {
				sq, err := squareclient.New(squareclient.Config{BaseURL: h.squareURL, Token: secret})
				require.NoError(t, err)
				h.acts.Square = sq
			}

			a := h.runPage(pageInput(), nil)

			require.Error(t, a.err)
			assert.Contains(t, a.err.Error(), ErrorTypeAuth)
			assert.NotContains(t, a.err.Error(), secret)
			assert.NotContains(t, h.logs.String(), secret)
			require.NotNil(t, a.checkpoint)
			assert.NotContains(t, checkpointText(t, a.checkpoint), secret)
			assert.Empty(t, h.hub.Objects("deals"))
		})
	}
}
