package hubspot

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sim "github.com/stonecity/sync/sandbox/hubspot"
)

func TestSimConcurrentCreatesKeepOneDeal(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	h.createUniqueProperty(t, "deals", "square_order_id")

	const workers = 6
	type outcome struct {
		result BatchWriteResult
		err    error
	}
	outcomes := make(chan outcome, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker is its own process: its own client and pacer.
			client, err := New(Config{BaseURL: h.url, Token: testToken, Pacer: fastPacer()})
			if err != nil {
				outcomes <- outcome{err: err}
				return
			}
			result, err := client.BatchCreate(context.Background(), "deals", []CreateInput{
				{Properties: squareDeal("ORD-RACE", "10.00"), TraceID: "ORD-RACE"},
				{Properties: squareDeal(fmt.Sprintf("ORD-W%d", w), "1.00"), TraceID: fmt.Sprintf("ORD-W%d", w)},
			})
			outcomes <- outcome{result: result, err: err}
		}()
	}
	wg.Wait()
	close(outcomes)

	deals := h.sim.Objects("deals")
	require.Len(t, deals, workers+1, "one ORD-RACE deal and one deal per worker")
	winner := ""
	for _, d := range deals {
		if d.Properties["square_order_id"] == "ORD-RACE" {
			winner = d.ID
		}
	}
	require.NotEmpty(t, winner)

	conflicts := 0
	for o := range outcomes {
		require.NoError(t, o.err)
		for _, e := range o.result.Errors {
			conflicts++
			assert.Equal(t, KindConflict, e.Kind, "kind")
			assert.Equal(t, "ORD-RACE", e.TraceID, "trace id")
			assert.Equal(t, 0, e.Index, "index")
			assert.Equal(t, winner, e.ExistingID, "existing id names the winning deal")
		}
	}
	assert.Equal(t, workers-1, conflicts, "every other worker gets a conflict")
}

func TestSimSearchPacingAbsorbsLatency(t *testing.T) {
	clock := newFakeClock()
	simulator := sim.New(sim.Options{Token: testToken, Clock: clock.Now})
	var first sync.Once
	// The first search reaches the simulator 50 ms after the pacer let it
	// go, as a slow network would deliver it. The simulator counts it from
	// its arrival, so a pacer that spaces calls by exactly one second would
	// send the sixth search while five are still in HubSpot's window.
	delayed := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		first.Do(func() { clock.Advance(50 * time.Millisecond) })
		simulator.ServeHTTP(w, r)
	})
	server := httptest.NewServer(delayed)
	t.Cleanup(server.Close)
	client, err := New(Config{BaseURL: server.URL, Token: testToken,
		Pacer: NewPacer(PacerConfig{Clock: clock})})
	require.NoError(t, err)
	ctx := context.Background()

	for i := range 5 {
		_, err := client.Search(ctx, "contacts", SearchRequest{})
		require.NoError(t, err, "search %d", i+1)
	}
	clock.Advance(950 * time.Millisecond)

	done := make(chan error, 1)
	go func() {
		_, err := client.Search(ctx, "contacts", SearchRequest{})
		done <- err
	}()
	require.Eventually(t, func() bool { return clock.Waiters() == 1 || len(done) == 1 },
		5*time.Second, time.Millisecond)
	require.Equal(t, 1, clock.Waiters(), "the pacer sent the sixth search one second after the first")

	clock.Advance(100 * time.Millisecond)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("the sixth search did not run after the pacer's margin")
	}
}
