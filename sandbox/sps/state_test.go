package sps

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	h := setup(t)
	loadFixtures(t, h)
	h.do(t, http.MethodPost, "/v2/Products", h.login(t), `{}`)
	h.sim.SetFaults(Faults{LatencyMs: 3, FailNext: 1, Seed: 9})
	var saved bytes.Buffer
	require.NoError(t, h.sim.Save(&saved))

	restored := New(Options{})
	require.NoError(t, restored.Load(bytes.NewReader(saved.Bytes())))

	// Compared as JSON, because an empty list under an omitempty tag (such
	// as "salesOrders": []) is saved as absent and loads as nil.
	assert.JSONEq(t, mustJSON(t, h.sim.Customers()), mustJSON(t, restored.Customers()))
	assert.JSONEq(t, mustJSON(t, h.sim.Quotes()), mustJSON(t, restored.Quotes()))
	assert.JSONEq(t, mustJSON(t, h.sim.Products()), mustJSON(t, restored.Products()))
	assert.Equal(t, h.sim.Faults(), restored.Faults())
	assert.Equal(t, h.sim.Calls(), restored.Calls())
	var again bytes.Buffer
	require.NoError(t, restored.Save(&again))
	assert.Equal(t, saved.String(), again.String())
}

func TestLoadRejectsBadState(t *testing.T) {
	tests := []struct {
		name    string
		state   string
		wantErr string
	}{
		{"malformed JSON", `{"customers":[`, "load SPS simulator state"},
		{"invalid record id", `{"customers":[{"id":0}]}`, "customers[0]: id 0 is not a positive integer"},
		{"repeated quote id", `{"quotes":[{"id":4},{"id":4}]}`, "quotes[1]: id 4 repeats quotes[0]"},
		{"invalid faults", `{"faults":{"errorRate":2}}`, "errorRate 2 is outside 0 to 1"},
		{"invalid decimal", `{"products":[{"id":1,"priceWholesale":"abc"}]}`, `invalid decimal "abc"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := New(Options{})
			require.NoError(t, sim.LoadCustomers([]sps.Customer{{ID: 77, Name: "Kept"}}))

			err := sim.Load(strings.NewReader(tc.state))

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			require.Len(t, sim.Customers(), 1)
			assert.Equal(t, "Kept", sim.Customers()[0].Name)
		})
	}
}

func TestLoadKeepsIssuedTokens(t *testing.T) {
	h := setup(t)
	token := h.login(t)

	require.NoError(t, h.sim.Load(strings.NewReader(`{"customers":[{"id":1}]}`)))

	resp := h.do(t, http.MethodPost, "/v2/Customers", token, `{}`)
	assert.Equal(t, http.StatusOK, resp.status)
}
