package hubspot

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sim "github.com/stonecity/sync/sandbox/hubspot"
)

func TestSimBatchArchive(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()
	created, err := h.client.BatchCreate(ctx, "products", []CreateInput{
		{Properties: map[string]string{"name": "Carrara slab"}},
		{Properties: map[string]string{"name": "Nero tile"}},
	})
	require.NoError(t, err)
	require.Len(t, created.Objects, 2)
	keptID, archivedID := created.Objects[0].ID, created.Objects[1].ID

	require.NoError(t, h.client.BatchArchive(ctx, "products", []string{archivedID, "999999999"}))
	require.NoError(t, h.client.BatchArchive(ctx, "products", []string{archivedID}), "second archive")

	live := h.sim.Objects("products")
	require.Len(t, live, 1, "live products")
	assert.Equal(t, keptID, live[0].ID)
}

func TestBatchArchiveLimits(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()
	tooMany := make([]string, MaxBatchSize+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprint(i + 1)
	}

	tests := []struct {
		name    string
		ids     []string
		wantErr bool
	}{
		{name: "empty list sends nothing", ids: nil},
		{name: "over the batch limit", ids: tooMany, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := totalCalls(h.sim.Calls())
			err := h.client.BatchArchive(ctx, "products", tc.ids)
			if tc.wantErr {
				var hubErr *Error
				require.ErrorAs(t, err, &hubErr)
				assert.Equal(t, KindValidation, hubErr.Kind)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, before, totalCalls(h.sim.Calls()), "calls sent")
		})
	}
}

// totalCalls sums the simulator's call counts over every endpoint.
func totalCalls(calls map[string]int) int {
	total := 0
	for _, n := range calls {
		total += n
	}
	return total
}
