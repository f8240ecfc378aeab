package hubspot

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPacerLimits(t *testing.T) {
	tests := []struct {
		name       string
		cfg        PacerConfig
		wantBurst  int
		wantSearch int
		wantWindow time.Duration
	}{
		{name: "defaults", cfg: PacerConfig{}, wantBurst: 180, wantSearch: 5,
			wantWindow: 1100 * time.Millisecond},
		{name: "half share", cfg: PacerConfig{Share: 0.5}, wantBurst: 85, wantSearch: 2,
			wantWindow: 900 * time.Millisecond},
		{name: "no headroom", cfg: PacerConfig{TenSecondlyBudget: 100, Headroom: -1}, wantBurst: 100,
			wantSearch: 5, wantWindow: 1100 * time.Millisecond},
		{name: "headroom above budget keeps one call", cfg: PacerConfig{TenSecondlyBudget: 5, Headroom: 20},
			wantBurst: 1, wantSearch: 5, wantWindow: 1100 * time.Millisecond},
		{name: "slow search", cfg: PacerConfig{SearchPerSecond: 0.5}, wantBurst: 180, wantSearch: 1,
			wantWindow: 2100 * time.Millisecond},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPacer(tt.cfg)
			assert.Equal(t, tt.wantBurst, p.burst.limit, "burst limit")
			assert.Equal(t, 10*time.Second, p.burst.window, "burst window")
			assert.Equal(t, tt.wantSearch, p.search.limit, "search limit")
			assert.Equal(t, tt.wantWindow, p.search.window, "search window")
		})
	}
}

func TestPacerBudgetRespected(t *testing.T) {
	clock := newFakeClock()
	p := NewPacer(PacerConfig{TenSecondlyBudget: 13, Headroom: 10, Clock: clock})

	assert.Zero(t, p.take(false), "call 1")
	clock.Advance(time.Second)
	assert.Zero(t, p.take(false), "call 2")
	assert.Zero(t, p.take(false), "call 3")

	assert.Equal(t, 9*time.Second, p.take(false), "call 4 waits for call 1 to leave the window")
	clock.Advance(9 * time.Second)
	assert.Zero(t, p.take(false), "call 4 after the wait")
	assert.Equal(t, time.Second, p.take(false), "call 5 waits for call 2")
}

func TestPacerWaitBlocksUntilWindowHasRoom(t *testing.T) {
	clock := newFakeClock()
	p := NewPacer(PacerConfig{TenSecondlyBudget: 11, Headroom: 10, Clock: clock})
	require.NoError(t, p.Wait(context.Background(), false))

	done := make(chan error, 1)
	go func() { done <- p.Wait(context.Background(), false) }()
	require.Eventually(t, func() bool { return clock.Waiters() == 1 }, time.Second, time.Millisecond)

	clock.Advance(9 * time.Second)
	select {
	case err := <-done:
		t.Fatalf("Wait returned %v before the window had room", err)
	default:
	}

	clock.Advance(time.Second)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Wait did not return after the window had room")
	}
}

func TestPacerWaitCancelled(t *testing.T) {
	clock := newFakeClock()
	p := NewPacer(PacerConfig{TenSecondlyBudget: 11, Headroom: 10, Clock: clock})
	require.NoError(t, p.Wait(context.Background(), false))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Wait(ctx, false) }()
	require.Eventually(t, func() bool { return clock.Waiters() == 1 }, time.Second, time.Millisecond)

	cancel()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(5 * time.Second):
		t.Fatal("Wait ignored cancellation")
	}
}

func TestPacerWaitOnCancelledContext(t *testing.T) {
	p := NewPacer(PacerConfig{Clock: newFakeClock()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	assert.ErrorIs(t, p.Wait(ctx, false), context.Canceled)
	assert.Zero(t, p.take(false), "cancelled wait counted a call")
	assert.Len(t, p.burst.times, 1)
}

func TestPacerSearchLimiter(t *testing.T) {
	clock := newFakeClock()
	p := NewPacer(PacerConfig{TenSecondlyBudget: 11, Headroom: 10, Clock: clock})

	for i := range 5 {
		assert.Zero(t, p.take(true), "search call %d", i+1)
	}
	assert.Equal(t, 1100*time.Millisecond, p.take(true), "sixth search call waits a second and the margin")
	assert.Zero(t, p.take(false), "burst call blocked by search budget")
	assert.Equal(t, 10*time.Second, p.take(false), "burst budget of one call")

	clock.Advance(time.Second)
	assert.Equal(t, 100*time.Millisecond, p.take(true), "search call exactly one second later")
	clock.Advance(100 * time.Millisecond)
	assert.Zero(t, p.take(true), "search call after the margin")
}

func TestPacerHeaderFeedback(t *testing.T) {
	tests := []struct {
		name     string
		header   http.Header
		wantHold time.Duration
	}{
		{name: "plenty remaining", header: rateLimitHeaders("150"), wantHold: 0},
		{name: "at headroom", header: rateLimitHeaders("10"), wantHold: 10 * time.Second},
		{name: "empty bucket", header: rateLimitHeaders("0"), wantHold: 10 * time.Second},
		{name: "custom interval", header: http.Header{
			"X-Hubspot-Ratelimit-Remaining":             {"3"},
			"X-Hubspot-Ratelimit-Interval-Milliseconds": {"2500"},
		}, wantHold: 2500 * time.Millisecond},
		{name: "no headers", header: http.Header{}, wantHold: 0},
		{name: "malformed remaining", header: http.Header{"X-Hubspot-Ratelimit-Remaining": {"many"}}, wantHold: 0},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			p := NewPacer(PacerConfig{Clock: clock})

			p.Observe(tt.header)

			assert.Equal(t, tt.wantHold, p.take(false), "burst call delay")
			assert.Zero(t, p.take(true), "search call held by burst headers")
		})
	}
}

func TestPacerHoldsAfterRateLimit(t *testing.T) {
	clock := newFakeClock()
	p := NewPacer(PacerConfig{Clock: clock})

	p.observeRateLimit(PolicySecondly)
	assert.Equal(t, time.Second, p.take(true), "search after SECONDLY")
	assert.Zero(t, p.take(false), "burst after SECONDLY")

	p.observeRateLimit(PolicyTenSecondlyRolling)
	assert.Equal(t, 10*time.Second, p.take(false), "burst after TEN_SECONDLY_ROLLING")

	p.observeRateLimit(PolicyDaily)
	clock.Advance(10 * time.Second)
	assert.Zero(t, p.take(false), "burst after DAILY and the ten-second hold")
}

func TestPacerRetryHint(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		setup  func(*Pacer, *fakeClock)
		want   time.Duration
	}{
		{name: "secondly", policy: PolicySecondly, want: time.Second},
		{name: "daily until UTC midnight", policy: PolicyDaily, want: 8*time.Hour + 30*time.Minute},
		{name: "ten secondly with room is at least one second", policy: PolicyTenSecondlyRolling,
			want: time.Second},
		{name: "ten secondly after header hold", policy: PolicyTenSecondlyRolling,
			setup: func(p *Pacer, c *fakeClock) {
				p.Observe(rateLimitHeaders("0"))
				c.Advance(4 * time.Second)
			},
			want: 6 * time.Second},
		{name: "ten secondly with full local window", policy: PolicyTenSecondlyRolling,
			setup: func(p *Pacer, c *fakeClock) {
				p.take(false)
				c.Advance(3 * time.Second)
			},
			want: 7 * time.Second},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			p := NewPacer(PacerConfig{TenSecondlyBudget: 11, Headroom: 10, Clock: clock})
			if tt.setup != nil {
				tt.setup(p, clock)
			}
			assert.Equal(t, tt.want, p.RetryHint(tt.policy))
		})
	}
}

func TestClientWaitsOnPacer(t *testing.T) {
	clock := newFakeClock()
	pacer := NewPacer(PacerConfig{Clock: clock})
	rec := fixed(http.StatusOK, rateLimitHeaders("2"), `{"results":[]}`)
	client := setup(t, rec, pacer)

	_, err := client.ListPipelines(context.Background(), "deals")
	require.NoError(t, err)

	done := make(chan error, 1)
	go func() {
		_, err := client.ListPipelines(context.Background(), "deals")
		done <- err
	}()
	require.Eventually(t, func() bool { return clock.Waiters() == 1 }, time.Second, time.Millisecond)
	assert.Len(t, rec.Requests(), 1, "second call sent while the shared bucket was low")

	clock.Advance(10 * time.Second)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("second call did not run after the hold")
	}
	assert.Len(t, rec.Requests(), 2)
}
